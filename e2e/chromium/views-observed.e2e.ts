import { test } from 'vitest';
import { viewsObserved } from '../scenarios/views-observed.js';

test('chromium: the Cookies view shows an observed drop (SameSite=None without Secure) and the Timeline agrees', async () => {
  const timings = await viewsObserved('chromium');
  console.log('chromium views-observed timings (ms):', JSON.stringify(timings));
});
