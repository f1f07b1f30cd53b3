import { test } from 'vitest';
import { byReference } from '../scenarios/by-reference.js';

test('firefox: every payload by reference, fetched without CORS headers', async () => {
  const timings = await byReference('firefox');
  console.log('firefox by-reference timings (ms):', JSON.stringify(timings));
});
