import { test } from 'vitest';
import { clickThrough } from '../scenarios/click-through.js';

test('chromium: click-through', async () => {
  const timings = await clickThrough('chromium');
  console.log('chromium click-through timings (ms):', JSON.stringify(timings));
});
