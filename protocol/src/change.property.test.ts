/**
 * `sameCanonical` decides `change` (PROTOCOL.md §4.4) by comparing trees instead of printing
 * both sides sorted. It must answer exactly as the printed comparison does: checked here against
 * `canonicalJson` itself, on equal pairs (the same tree, keys shuffled), near pairs (one leaf
 * changed) and unrelated pairs, over plain JSON and typed encodings of arbitrary values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson, comparableOf, fingerprintOf, sameCanonical } from './change.js';
import { encodeTyped, type TypedValue } from './typed-value.js';

/** The same tree with every object's keys in a shuffled order (`__proto__` kept a plain key). */
function shuffled(value: TypedValue, seed: number): TypedValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  const keys = Object.keys(value);
  const order = keys
    .map((k, i) => [k, (i * 7919 + seed * 104729) % 1009] as const)
    .sort((a, b) => a[1] - b[1]);
  const out: { [key: string]: TypedValue } = {};
  for (const [k] of order)
    Object.defineProperty(out, k, { value: shuffled(value[k]!, seed + 1), enumerable: true, writable: true });
  return out;
}

/** The tree with its n-th leaf (DFS order, counting modulo the leaf count) replaced. */
function withLeafChanged(value: TypedValue, n: number, replacement: TypedValue): TypedValue {
  let leaves = 0;
  const count = (v: TypedValue): void => {
    if (v !== null && typeof v === 'object') Object.values(v).forEach(count);
    else leaves++;
  };
  count(value);
  let target = n % Math.max(1, leaves);
  const walk = (v: TypedValue): TypedValue => {
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) return v.map(walk);
      const out: { [key: string]: TypedValue } = {};
      for (const k of Object.keys(v))
        Object.defineProperty(out, k, { value: walk(v[k]!), enumerable: true, writable: true });
      return out;
    }
    return target-- === 0 ? replacement : v;
  };
  return walk(value);
}

const typedArb: fc.Arbitrary<TypedValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }) as fc.Arbitrary<TypedValue>,
  fc
    .anything({
      maxDepth: 4,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withBigInt: true,
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withSparseArray: true,
    })
    .map((v) => encodeTyped(v, { limits: { maxItems: 3, maxString: 8 } }).value),
);

function agrees(a: TypedValue, b: TypedValue): void {
  expect(sameCanonical(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
}

describe('sameCanonical answers as canonicalJson equality does', () => {
  test('unrelated pairs', () => {
    fc.assert(fc.property(typedArb, typedArb, agrees), { numRuns: 1000 });
  });

  test('the same tree with its keys shuffled: equal', () => {
    fc.assert(
      fc.property(typedArb, fc.nat(), (a, seed) => {
        agrees(a, shuffled(a, seed));
        expect(sameCanonical(a, shuffled(a, seed))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('one leaf changed, keys shuffled or not', () => {
    fc.assert(
      fc.property(
        typedArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom<TypedValue>(null, 0, -0, 1, '', 'x', true, false, [], {}),
        (a, n, seed, replacement) => {
          const b = withLeafChanged(a, n, replacement);
          agrees(a, b);
          agrees(a, shuffled(b, seed));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('what JSON prints alike: -0 and 0, NaN/Infinity and null, a hole and null', () => {
    const cases: [unknown, unknown][] = [
      [-0, 0],
      [NaN, null],
      [Infinity, null],
      [
        [, 1],
        [null, 1],
      ], // eslint-disable-line no-sparse-arrays
      [{ a: undefined, b: 1 }, { b: 1 }],
      [{ a: 1 }, { a: '1' }],
      [[1, 2], { 0: 1, 1: 2 }],
    ];
    for (const [a, b] of cases) agrees(a as TypedValue, b as TypedValue);
  });

  test('comparableOf is what fingerprintOf prints', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withMap: true, withSet: true, withDate: true }), (v) => {
        expect(canonicalJson(comparableOf(v))).toBe(fingerprintOf(v));
      }),
      { numRuns: 300 },
    );
  });
});
