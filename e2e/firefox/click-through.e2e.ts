import { test } from 'vitest';
import { clickThrough } from '../scenarios/click-through.js';

test('firefox: click-through', async () => {
  const timings = await clickThrough('firefox');
  console.log('firefox click-through timings (ms):', JSON.stringify(timings));
});
