import { test } from 'vitest';
import { viewsTimeline } from '../scenarios/views-timeline.js';

test('chromium: Timeline view, browser-session then persistent (remember-me), renewed segments (rolling)', async () => {
  const timings = await viewsTimeline('chromium');
  console.log('chromium views-timeline timings (ms):', JSON.stringify(timings));
});
