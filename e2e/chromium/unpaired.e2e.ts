import { test } from 'vitest';
import { unpaired } from '../scenarios/unpaired.js';

test('chromium: unpaired', async () => {
  const timings = await unpaired('chromium');
  console.log('chromium unpaired timings (ms):', JSON.stringify(timings));
});
