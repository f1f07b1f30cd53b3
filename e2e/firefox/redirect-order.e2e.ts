import { test } from 'vitest';
import { redirectOrder } from '../scenarios/redirect-order.js';

test('firefox: a redirected POST is listed before the GET it redirects to', async () => {
  const timings = await redirectOrder('firefox');
  console.log('firefox redirect-order timings (ms):', JSON.stringify(timings));
});
