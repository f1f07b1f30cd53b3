import { test } from 'vitest';
import { viewsFixation } from '../scenarios/views-fixation.js';

test('chromium: Security view flags login without id rotation (session fixation), not the rotating login', async () => {
  const timings = await viewsFixation('chromium');
  console.log('chromium views-fixation timings (ms):', JSON.stringify(timings));
});
