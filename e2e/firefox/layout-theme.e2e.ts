import { test } from 'vitest';
import { layoutAndTheme } from '../scenarios/layout.js';

test('firefox: bottom and right docks, light and dark (live): usable list and detail, axe-clean views; history kept on reopen', async () => {
  console.log('firefox layout timings (ms):', JSON.stringify(await layoutAndTheme('firefox')));
});
