import { test } from 'vitest';
import { viewsFixation } from '../scenarios/views-fixation.js';

test('firefox: Security view flags login without id rotation (session fixation), not the rotating login', async () => {
  const timings = await viewsFixation('firefox');
  console.log('firefox views-fixation timings (ms):', JSON.stringify(timings));
});
