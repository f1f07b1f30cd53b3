/**
 * Issue 13: no walk over session values may recurse on input. Depth 1…100,000 and width
 * 1…1,000,000 through the encoder, the JSON printer and the payload validator: nothing throws,
 * and the work done is counted (property reads through getters and proxies), never timed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from './change.js';
import { deeperThan, jsonText } from './json-text.js';
import { samplePayload } from './sample-payload.js';
import { encodeTyped, type TypedValue } from './typed-value.js';
import { validatePayload } from './validate.js';
import { depthOf } from '../../test-support/deep-values.js';

/** `{x: {x: … 1}}`, `depth` levels, each level a getter that counts its reads. */
function countedChain(depth: number): { root: unknown; reads: () => number } {
  let reads = 0;
  let node: unknown = 1;
  for (let i = 0; i < depth; i++) {
    const child = node;
    node = Object.defineProperty({}, 'x', { enumerable: true, get: () => (reads++, child) });
  }
  return { root: node, reads: () => reads };
}

const DEPTH = fc.oneof(fc.constantFrom(1, 2, 33, 5_000, 100_000), fc.integer({ min: 1, max: 100_000 }));
const WIDTH = fc.oneof(fc.constantFrom(1, 500, 501, 1_000_000), fc.integer({ min: 1, max: 1_000_000 }));

describe('huge values (issue 13)', () => {
  test('any depth: default limits read at most maxDepth levels and mark the cut as deep', () => {
    fc.assert(
      fc.property(DEPTH, (depth) => {
        const { root, reads } = countedChain(depth);
        const { value, truncated } = encodeTyped(root);
        expect(reads()).toBeLessThanOrEqual(32);
        expect(truncated).toBe(depth > 32);
        // Levels 0…31 kept, the container at 32 is `{"$ss":"deep"}` (its tag one level below).
        expect(depthOf(value)).toBe(depth <= 32 ? depth : 33);
        if (depth > 32) expect(jsonText(value)).toContain('{"$ss":"deep"}');
      }),
      { numRuns: 12 },
    );
  });

  test('any depth with maxDepth raised: encoded whole, printed as JSON.stringify would, validated', () => {
    fc.assert(
      fc.property(DEPTH, (depth) => {
        const { root, reads } = countedChain(depth);
        const { value, truncated } = encodeTyped(root, { limits: { maxDepth: 200_000 } });
        expect(truncated).toBe(false);
        expect(reads()).toBe(depth);
        const text = jsonText(value);
        expect(text).toBe(`${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`);
        expect(canonicalJson(value)).toBe(text);
        const payload = {
          ...samplePayload(),
          session: { ...samplePayload().session, after: JSON.parse(text) },
        };
        expect(() => validatePayload(payload)).not.toThrow();
      }),
      { numRuns: 8 },
    );
  });

  test('any width: an array is read only up to maxItems and the rest is counted', () => {
    fc.assert(
      fc.property(WIDTH, (width) => {
        let gets = 0;
        const items = new Proxy(new Array<number>(width).fill(7), {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) gets++;
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
        const { value } = encodeTyped({ items });
        const list = (value as { items: TypedValue[] }).items;
        expect(gets).toBeLessThanOrEqual(500);
        expect(list.length).toBe(Math.min(width, 500) + (width > 500 ? 1 : 0));
        if (width > 500) expect(list[500]).toEqual({ $ss: 'more', count: width - 500 });
      }),
      { numRuns: 10 },
    );
  });

  test('any width with maxItems raised: every item arrives and validates', () => {
    fc.assert(
      fc.property(WIDTH, (width) => {
        const { value } = encodeTyped(
          { items: new Array<number>(width).fill(1) },
          { limits: { maxItems: 2_000_000 } },
        );
        expect((value as { items: TypedValue[] }).items.length).toBe(width);
        const payload = { ...samplePayload(), session: { ...samplePayload().session, after: value } };
        expect(() => validatePayload(payload)).not.toThrow();
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  test('cycles at depth 100,000 are found without a stack', () => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < 100_000; i++) node = node.x = {};
    node.back = root;
    const { value } = encodeTyped(root, { limits: { maxDepth: 200_000 } });
    expect(jsonText(value).endsWith(`{"back":{"$ss":"cycle","path":"$"}}${'}'.repeat(100_000)}`)).toBe(true);
  });

  test('deeperThan stops at the limit', () => {
    expect(deeperThan([[[1]]], 3)).toBe(false);
    expect(deeperThan([[[[1]]]], 3)).toBe(true);
  });
});
