import { test } from 'vitest';
import { keyScope } from '../scenarios/key-scope.js';

test('chromium: the key id reaches only the paired origins, never a third party in the page', async () => {
  const timings = await keyScope('chromium');
  console.log('chromium key-scope timings (ms):', JSON.stringify(timings));
});
