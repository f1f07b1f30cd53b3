import { test } from 'vitest';
import { panelClosed } from '../scenarios/panel-closed.js';

test('firefox: no debug header once DevTools is closed', async () => {
  const timings = await panelClosed('firefox');
  console.log('firefox panel-closed timings (ms):', JSON.stringify(timings));
});
