import { test } from 'vitest';
import { viewsHostile } from '../scenarios/views-hostile.js';

test('chromium: hostile session values stay inert text in every view, and the panel still answers', async () => {
  const timings = await viewsHostile('chromium');
  console.log('chromium views-hostile timings (ms):', JSON.stringify(timings));
});
