import { test } from 'vitest';
import { keyScope } from '../scenarios/key-scope.js';

test('firefox: the key id reaches only the paired origins, never a third party in the page', async () => {
  const timings = await keyScope('firefox');
  console.log('firefox key-scope timings (ms):', JSON.stringify(timings));
});
