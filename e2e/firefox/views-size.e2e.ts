import { test } from 'vitest';
import { viewsSize } from '../scenarios/views-size.js';

test('firefox: Size view, session cookie gauge warning then error, then dropped by the browser', async () => {
  const timings = await viewsSize('firefox');
  console.log('firefox views-size timings (ms):', JSON.stringify(timings));
});
