import { test } from 'vitest';
import { refRedirect } from '../scenarios/ref-redirect.js';

test('chromium: a forged reference that redirects is refused; the key id never leaves the paired origins', async () => {
  const timings = await refRedirect('chromium');
  console.log('chromium ref-redirect timings (ms):', JSON.stringify(timings));
});
