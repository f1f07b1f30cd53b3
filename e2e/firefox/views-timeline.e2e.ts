import { test } from 'vitest';
import { viewsTimeline } from '../scenarios/views-timeline.js';

test('firefox: Timeline view, browser-session then persistent (remember-me), renewed segments (rolling)', async () => {
  const timings = await viewsTimeline('firefox');
  console.log('firefox views-timeline timings (ms):', JSON.stringify(timings));
});
