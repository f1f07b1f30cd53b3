import { test } from 'vitest';
import { wrongKey } from '../scenarios/wrong-key.js';

test('chromium: paired with a key the server does not know, the panel says so', async () => {
  console.log('chromium wrong-key timings (ms):', JSON.stringify(await wrongKey('chromium')));
});
