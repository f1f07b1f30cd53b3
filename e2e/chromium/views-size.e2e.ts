import { test } from 'vitest';
import { viewsSize } from '../scenarios/views-size.js';

test('chromium: Size view, session cookie gauge warning then error, then dropped by the browser', async () => {
  const timings = await viewsSize('chromium');
  console.log('chromium views-size timings (ms):', JSON.stringify(timings));
});
