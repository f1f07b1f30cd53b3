import { test } from 'vitest';
import { viewsHuge } from '../scenarios/views-huge.js';

test('firefox: a session 100,000 deep, 1,000,000 wide, with a 10 MB string and invisible keys: honest, visible, responsive', async () => {
  const timings = await viewsHuge('firefox');
  console.log('firefox views-huge timings (ms):', JSON.stringify(timings));
}, 600_000);
