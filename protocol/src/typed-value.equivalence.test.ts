/**
 * encodeTyped encodes leaves in place instead of stepping a frame per child. Same output, proved
 * here against the encoder as it was (typed-value-before.oracle.ts) over generated sessions:
 * every option fast-check has, small and default limits, redaction on and off.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { encodeTyped, type EncodeOptions } from './typed-value.js';
import { encodeTypedBefore } from './typed-value-before.oracle.js';
import { DEFAULT_REDACT, redactPredicate } from './redact.js';

const sessionArb = fc.anything({
  maxDepth: 5,
  maxKeys: 8,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  key: fc.oneof(fc.string(), fc.constantFrom('password', 'token', '__proto__', '$ss', 'a.b', 'csrfSecret')),
});

const optionsArb: fc.Arbitrary<EncodeOptions> = fc.record({
  limits: fc.oneof(
    fc.constant({}),
    fc.record({
      maxString: fc.integer({ min: 0, max: 12 }),
      maxItems: fc.integer({ min: 0, max: 4 }),
      maxDepth: fc.integer({ min: 0, max: 4 }),
      maxBytes: fc.integer({ min: 0, max: 4 }),
    }),
  ),
  redact: fc.constantFrom(undefined, redactPredicate(DEFAULT_REDACT), (k: string) => k.length % 3 === 0),
});

test('encodeTyped gives exactly what it gave before: value, key order, redacted paths, truncated', () => {
  fc.assert(
    fc.property(sessionArb, optionsArb, (session, options) => {
      const now = encodeTyped(session, options);
      const before = encodeTypedBefore(session, options);
      expect(JSON.stringify(now.value)).toBe(JSON.stringify(before.value));
      expect(now.value).toStrictEqual(before.value);
      expect(now.redacted).toEqual(before.redacted);
      expect(now.truncated).toBe(before.truncated);
    }),
    { numRuns: 3000 },
  );
});

test('cycles and shared objects: the same cycle paths', () => {
  const shared = { n: 1 };
  const root: Record<string, unknown> = { a: shared, b: [shared, 'x', 2], list: [1, null, 'y'] };
  root.self = root;
  (root.b as unknown[]).push(root.b);
  const m = new Map<unknown, unknown>([
    ['password', 'p'],
    [{ k: 1 }, root],
  ]);
  root.m = m;
  for (const options of [{}, { limits: { maxItems: 2 } }, { redact: redactPredicate(DEFAULT_REDACT) }]) {
    const { exact, ...now } = encodeTyped(root, options);
    expect(now).toStrictEqual(encodeTypedBefore(root, options));
    expect(exact).toBe(false); // a cycle is tagged
  }
});

test('exact: JSON.stringify of the encoding is JSON.stringify of the input, and it is often true', () => {
  let exacts = 0;
  const plainish = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    sessionArb,
    fc.dictionary(fc.string(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(-0), fc.date())),
  );
  fc.assert(
    fc.property(plainish, optionsArb, (input, options) => {
      const encoded = encodeTyped(input, options);
      if (!encoded.exact) return;
      exacts++;
      expect(JSON.stringify(encoded.value)).toBe(JSON.stringify(input));
    }),
    { numRuns: 3000 },
  );
  expect(exacts).toBeGreaterThan(500);
  // What JSON prints differently (or not at all) is never exact.
  const inexact: unknown[] = [
    { a: -0 },
    { a: undefined },
    [1, undefined],
    { d: new Date(0) },
    { t: { toJSON: () => 1 } },
    Object.defineProperty({}, 'toJSON', { value: () => 'x' }),
    Object.assign(Object.create({ toJSON: () => 2 }) as object, { a: 1 }),
    { s: new String('a') },
    { n: NaN },
    { $ss: 'x' },
    { m: new Map() },
    { password: 'p' },
    { long: 'x'.repeat(5000) },
  ];
  for (const input of inexact)
    expect(encodeTyped(input, { redact: redactPredicate(DEFAULT_REDACT) }).exact).toBe(false);
  expect(encodeTyped({ a: [1, 'b', null, { c: true }] }).exact).toBe(true);
});
