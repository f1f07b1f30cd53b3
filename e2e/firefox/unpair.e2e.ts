import { test } from 'vitest';
import { unpair } from '../scenarios/unpair.js';

test('firefox: unpairing stops the debug data', async () => {
  const timings = await unpair('firefox');
  console.log('firefox unpair timings (ms):', JSON.stringify(timings));
});
