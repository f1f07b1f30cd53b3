import { test } from 'vitest';
import { secretsAtRest } from '../scenarios/secrets-at-rest.js';

test('chromium: the key stays in memory unless remembered; Export masks cookies and session ids unless asked', async () => {
  const timings = await secretsAtRest('chromium');
  console.log('chromium secrets-at-rest timings (ms):', JSON.stringify(timings));
});
