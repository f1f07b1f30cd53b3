import { test } from 'vitest';
import { byReference } from '../scenarios/by-reference.js';

test('chromium: every payload by reference, fetched without CORS headers', async () => {
  const timings = await byReference('chromium');
  console.log('chromium by-reference timings (ms):', JSON.stringify(timings));
});
