import { test } from 'vitest';
import { secretsAtRest } from '../scenarios/secrets-at-rest.js';

test('firefox: the key stays in memory unless remembered; Export masks cookies and session ids unless asked', async () => {
  const timings = await secretsAtRest('firefox');
  console.log('firefox secrets-at-rest timings (ms):', JSON.stringify(timings));
});
