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
    expect(encodeTyped(root, options)).toStrictEqual(encodeTypedBefore(root, options));
  }
});
