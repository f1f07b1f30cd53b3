import { test } from 'vitest';
import { wrongKey } from '../scenarios/wrong-key.js';

test('firefox: paired with a key the server does not know, the panel says so', async () => {
  console.log('firefox wrong-key timings (ms):', JSON.stringify(await wrongKey('firefox')));
});
