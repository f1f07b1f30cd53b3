import { test } from 'vitest';
import { unpair } from '../scenarios/unpair.js';

test('chromium: unpairing stops the debug data', async () => {
  const timings = await unpair('chromium');
  console.log('chromium unpair timings (ms):', JSON.stringify(timings));
});
