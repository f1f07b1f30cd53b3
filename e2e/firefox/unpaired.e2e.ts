import { test } from 'vitest';
import { unpaired } from '../scenarios/unpaired.js';

test('firefox: unpaired', async () => {
  const timings = await unpaired('firefox');
  console.log('firefox unpaired timings (ms):', JSON.stringify(timings));
});
