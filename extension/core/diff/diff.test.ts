import { describe, expect, test } from 'vitest';
import { diffSessions } from './diff.js';
import { printDiff } from './print.js';
import { formatPath } from './path.js';

describe('diffSessions', () => {
  test('nested paths, added / removed / changed', () => {
    const before = { views: 1, cart: { items: [{ sku: 'tea', qty: 1 }] }, flash: 'hi' };
    const after = {
      views: 2,
      cart: {
        items: [
          { sku: 'tea', qty: 3 },
          { sku: 'cake', qty: 1 },
        ],
      },
      user: 'ann',
    };
    expect(printDiff(diffSessions(before, after))).toBe(
      [
        '~ views: 1 → 2',
        '~ cart.items[0].qty: 1 → 3',
        '+ cart.items[1]: {…} {"sku":"cake","qty":1}',
        '- flash: "hi"',
        '+ user: "ann"',
      ].join('\n'),
    );
  });

  test('type changes are their own kind', () => {
    expect(diffSessions({ a: 1 }, { a: '1' }).map((e) => [e.kind, e.path])).toEqual([['type-changed', 'a']]);
    expect(diffSessions({ a: { b: 1 } }, { a: [1] }).map((e) => e.kind)).toEqual(['type-changed']);
  });

  test('a typed leaf is one value: a Date that moved is `when` changed, not `when.iso`', () => {
    const entries = diffSessions(
      { when: { $ss: 'date', iso: '2026-01-01T00:00:00.000Z' } },
      { when: { $ss: 'date', iso: '2026-02-01T00:00:00.000Z' } },
    );
    expect(entries).toHaveLength(1);
    expect(printDiff(entries)).toBe('~ when: Date 2026-01-01T00:00:00.000Z → Date 2026-02-01T00:00:00.000Z');
  });

  test('a value becoming a typed node is a type change', () => {
    expect(printDiff(diffSessions({ n: 1 }, { n: { $ss: 'bigint', value: '1' } }))).toBe('! n: 1 → 1n');
  });

  test('instance and escaped-object containers are diffed through their entries', () => {
    const entries = diffSessions(
      { cart: { $ss: 'instance', className: 'Cart', entries: { n: 1 } } },
      { cart: { $ss: 'instance', className: 'Cart', entries: { n: 2 } } },
    );
    expect(entries.map((e) => e.path)).toEqual(['cart.n']);
  });

  test('a session object with its own "$ss" key (escaped as `object`) diffs through its entries', () => {
    const escaped = (n: number, tag = 'date') => ({
      o: { $ss: 'object', entries: { $ss: tag, iso: 'x', n } },
    });
    expect(diffSessions(escaped(1), escaped(2)).map((e) => [e.kind, e.path])).toEqual([['changed', 'o.n']]);
    expect(diffSessions(escaped(1), escaped(1, 'map')).map((e) => [e.kind, e.path])).toEqual([
      ['changed', 'o.$ss'],
    ]);
  });

  test('session created or destroyed is one root entry', () => {
    expect(printDiff(diffSessions(null, { a: 1 }))).toBe('+ (root): {…} {"a":1}');
    expect(printDiff(diffSessions({ a: 1 }, null))).toBe('- (root): {…} {"a":1}');
    expect(diffSessions(null, null)).toEqual([]);
    expect(printDiff(diffSessions({ a: 1 }, { a: 1 }))).toBe('(no changes)');
  });

  test('odd keys are quoted in paths', () => {
    expect(formatPath(['prefs', 'dark mode', 0, '$ok'])).toBe('prefs["dark mode"][0].$ok');
    expect(diffSessions({ 'a.b': 1 }, { 'a.b': 2 })[0]?.path).toBe('["a.b"]');
  });
});
