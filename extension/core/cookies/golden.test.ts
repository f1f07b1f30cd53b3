import { describe, expect, test } from 'vitest';
import { digest, goldenCases, loadEngine, readGolden } from '../../../test-support/cookie-golden.js';

/**
 * Not one verdict changed: the engine's output on the golden cases (the browser oracle corpus
 * under both browsers' rules, seeded random headers and histories) equals, item by item, what
 * the engine gave when fixtures/cookies/golden.json was recorded (see its `recordedFrom`).
 * Runs in the three `cookies-*` time-zone projects like every engine test.
 */

const golden = readGolden();
const actual = goldenCases(await loadEngine(new URL('.', import.meta.url).pathname.replace(/\/$/, '')));

test('the fixture and the engine have the same cases', () => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(golden.cases).sort());
  expect(Object.keys(golden.cases).length).toBeGreaterThan(10);
});

describe(`the engine gives what ${golden.recordedFrom} gave`, () => {
  for (const [name, expected] of Object.entries(golden.cases)) {
    test(name, () => {
      const items = actual[name] ?? [];
      expect(items.length, 'number of items').toBe(expected.length);
      items.forEach((item, i) => {
        // The item in full on failure: the digest alone would not say what changed.
        if (digest(item) !== expected[i])
          expect.fail(`${name}, item ${i} changed; it is now:\n${JSON.stringify(item, null, 1)}`);
      });
    });
  }
});
