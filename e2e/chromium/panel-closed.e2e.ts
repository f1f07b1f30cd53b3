import { test } from 'vitest';
import { panelClosed } from '../scenarios/panel-closed.js';

test('chromium: no debug header once DevTools is closed', async () => {
  const timings = await panelClosed('chromium');
  console.log('chromium panel-closed timings (ms):', JSON.stringify(timings));
});
