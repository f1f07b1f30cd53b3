import { test } from 'vitest';
import { storyFixation, storyLogout, storyLostCookie } from '../scenarios/stories.js';

test('chromium: the request after a dropped cookie reads "session lost" and its Diff names the drop', async () => {
  console.log('chromium story lost-cookie timings (ms):', JSON.stringify(await storyLostCookie('chromium')));
});

test('chromium: the login that kept the session id shows the fixation warning on its own Diff', async () => {
  console.log('chromium story fixation timings (ms):', JSON.stringify(await storyFixation('chromium')));
});

test('chromium: logout names the destroy key by key, the next request flags the cookie still held', async () => {
  console.log('chromium story logout timings (ms):', JSON.stringify(await storyLogout('chromium')));
});
