/**
 * Issue 13 in the pure core: diff, search and both printers over values 1…100,000 deep and
 * 1…1,000,000 wide. Nothing throws; the work is counted (nodes the search visits, characters a
 * preview builds), never timed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Plain, TypedValue } from '../../../protocol/src/typed-value.js';
import { secretPaths } from '../security/findings.js';
import { diffSessions } from '../diff/diff.js';
import { formatValue } from '../diff/format-value.js';
import { printDiff } from '../diff/print.js';
import { printValue } from '../diff/print-value.js';
import { childrenOf } from './children.js';
import { cutText } from './cut-text.js';
import { lookAlikeKeys, revealText, visibleForm } from './invisible.js';
import { searchTree, trailLabels } from './search.js';
import { chain } from '../../../test-support/deep-values.js';

const DEPTH = fc.oneof(fc.constantFrom(1, 400, 10_000, 100_000), fc.integer({ min: 1, max: 100_000 }));
const WIDTH = fc.oneof(fc.constantFrom(1, 20_000, 1_000_000), fc.integer({ min: 1, max: 1_000_000 }));

describe('depth 1…100,000', () => {
  test('diff finds the one changed leaf at the bottom; the copy holds it whole', () => {
    fc.assert(
      fc.property(DEPTH, (depth) => {
        const entries = diffSessions(chain(depth, 1), chain(depth, 2));
        expect(entries).toHaveLength(1);
        expect(entries[0]!.segments).toHaveLength(depth);
        expect(printDiff(entries).endsWith(': 1 → 2')).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  test('search reaches the bottom, visits each node once and keeps a bounded trail', () => {
    fc.assert(
      fc.property(DEPTH, (depth) => {
        const result = searchTree(chain(depth), 'NEEDLE');
        expect(result.total).toBe(1);
        expect(result.nodes).toBe(depth + 1);
        expect(result.open.size).toBe(depth);
        const { labels, hidden } = trailLabels(result.hits[0]!.trail, 5);
        // The trail leads to the container of the hit (its own label is the hit's).
        expect(labels.length + hidden).toBe(depth - 1);
        expect(labels.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 8 },
    );
  });

  test('the security check finds a secret key 100,000 levels down', () => {
    const paths = secretPaths(chain(100_000, { password: 'x' }) as Plain);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.endsWith('.x.password')).toBe(true);
  });

  test('a search stops at maxNodes and says so', () => {
    const result = searchTree(chain(100_000), 'needle', { maxNodes: 1000 });
    expect(result).toMatchObject({ stopped: true, nodes: 1000, total: 0 });
  });

  test('the one-line preview stays short; the full print is whole', () => {
    fc.assert(
      fc.property(DEPTH, (depth) => {
        expect(formatValue(chain(depth)).length).toBeLessThanOrEqual(120);
        const full = printValue(chain(depth));
        expect(full).toBe(`${'{x: '.repeat(depth)}"needle"${'}'.repeat(depth)}`);
      }),
      { numRuns: 8 },
    );
  });
});

describe('width 1…1,000,000', () => {
  test('a preview of a huge array reads only what it shows', () => {
    fc.assert(
      fc.property(WIDTH, (width) => {
        let reads = 0;
        const items = new Proxy(new Array<number>(width).fill(5), {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
        expect(formatValue(items as TypedValue, 120).length).toBeLessThanOrEqual(120);
        expect(reads).toBeLessThanOrEqual(60);
        expect(childrenOf(items as TypedValue)!.size).toBe(width);
      }),
      { numRuns: 8 },
    );
  });

  test('diff of a wide array: one entry per changed item; search counts every hit, keeps 500', () => {
    fc.assert(
      fc.property(WIDTH, (width) => {
        const before = { list: new Array<number>(width).fill(1) };
        const after = { list: new Array<number>(width).fill(1) };
        after.list[width - 1] = 2;
        const entries = diffSessions(before, after);
        expect(entries.map((e) => e.path)).toEqual([`list[${width - 1}]`]);
        const found = searchTree({ list: new Array<string>(width).fill('hit') }, 'hit');
        expect(found.total).toBe(width);
        expect(found.hits.length).toBe(Math.min(width, 500));
        expect(found.nodes).toBe(width + 2);
      }),
      { numRuns: 6 },
    );
  });
});

describe('honest text', () => {
  test('cuts never split a grapheme and say how much is left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '👍🏽', '👨‍👩‍👧', '🇫🇷', 'e\u0301'), { maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (pieces, max) => {
          const text = pieces.join('');
          const { shown, left } = cutText(text, max);
          expect(shown.length + left).toBe(text.length);
          expect(shown.length).toBeLessThanOrEqual(max);
          expect(text.startsWith(shown)).toBe(true);
          const whole = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map(
            (s) => s.index,
          );
          expect(shown.length === text.length || whole.includes(shown.length)).toBe(true);
        },
      ),
    );
    expect(cutText('x'.repeat(10_000_000), 300)).toEqual({ shown: 'x'.repeat(300), left: 9_999_700 });
  });

  test('bidi and zero-width characters become visible escapes; look-alike keys are flagged', () => {
    expect(revealText('abc\u202edcba')).toBe('abc⟨U+202E RLO⟩dcba');
    expect(revealText('role\u200b')).toBe('role⟨U+200B ZWSP⟩');
    expect(revealText('a\u00a0b\ufeff')).toBe('a⟨U+00A0 NBSP⟩b⟨U+FEFF BOM/ZWNBSP⟩');
    expect(revealText('👨‍👩‍👧 ok')).toBe('👨‍👩‍👧 ok');
    expect(visibleForm('ro\u200ble\u00a0x')).toBe('role x');
    expect([...lookAlikeKeys(['role', 'role\u200b', 'name', 'admin\u202e'])].sort()).toEqual([
      'role',
      'role\u200b',
    ]);
    expect(lookAlikeKeys(['a', 'b']).size).toBe(0);
  });
});
