import { test } from 'vitest';
import { redirectOrder } from '../scenarios/redirect-order.js';

test('chromium: a redirected POST is listed before the GET it redirects to', async () => {
  const timings = await redirectOrder('chromium');
  console.log('chromium redirect-order timings (ms):', JSON.stringify(timings));
});
