import { test } from 'vitest';
import { refRedirect } from '../scenarios/ref-redirect.js';

test('firefox: a forged reference that redirects is refused; the key id never leaves the paired origins', async () => {
  const timings = await refRedirect('firefox');
  console.log('firefox ref-redirect timings (ms):', JSON.stringify(timings));
});
