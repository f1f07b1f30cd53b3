import { test } from 'vitest';
import { storyFixation, storyLogout, storyLostCookie } from '../scenarios/stories.js';

test('firefox: the request after a dropped cookie reads "session lost" and its Diff names the drop', async () => {
  console.log('firefox story lost-cookie timings (ms):', JSON.stringify(await storyLostCookie('firefox')));
});

test('firefox: the login that kept the session id shows the fixation warning on its own Diff', async () => {
  console.log('firefox story fixation timings (ms):', JSON.stringify(await storyFixation('firefox')));
});

test('firefox: logout names the destroy key by key, the next request flags the cookie still held', async () => {
  console.log('firefox story logout timings (ms):', JSON.stringify(await storyLogout('firefox')));
});
