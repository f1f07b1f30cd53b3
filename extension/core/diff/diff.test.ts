import { describe, expect, test } from 'vitest';
import { diffSessions } from './diff.js';
import { printDiff } from './print.js';
import { formatPath } from './path.js';
import { formatValue } from './format-value.js';

describe('formatValue', () => {
  test('containers preview their typed children in JavaScript notation, never the wire encoding', () => {
    const value = {
      when: { $ss: 'date', iso: '2026-01-01T00:00:00.000Z' },
      tags: { $ss: 'set', size: 2, values: ['a', 'b'] },
      'odd key': [1, { $ss: 'bigint', value: '9' }],
    };
    const text = formatValue(value, 500);
    expect(text).toBe('{when: Date 2026-01-01T00:00:00.000Z, tags: Set(2), "odd key": [1, 9n]}');
    expect(text).not.toContain('$ss');
    expect(formatValue({ $ss: 'object', entries: { $ss: 'x' } })).toBe('{$ss: "x"}');
    expect(formatValue({ $ss: 'instance', className: 'Cart', entries: { n: 1 } })).toBe('Cart {n: 1}');
  });

  test('long and deep values are cut, with an ellipsis', () => {
    expect(formatValue({ a: 'x'.repeat(500) }, 20)).toHaveLength(20);
    expect(formatValue({ a: 'x'.repeat(500) }, 20).endsWith('…')).toBe(true);
    expect(formatValue({ a: { b: { c: { d: 1 } } } })).toBe('{a: {b: {c: {…}}}}');
    expect(formatValue([])).toBe('[]');
  });
});

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
        '+ cart.items[1]: {sku: "cake", qty: 1}',
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

  test('a session created or destroyed lists each key on its own line, typed values as in the tree', () => {
    expect(printDiff(diffSessions(null, { a: 1, user: { name: 'ann' } }))).toBe(
      '+ a: 1\n+ user: {name: "ann"}',
    );
    const logout = diffSessions({ user: 'ann', at: { $ss: 'date', iso: '2026-01-01T00:00:00.000Z' } }, null);
    expect(printDiff(logout)).toBe('- user: "ann"\n- at: Date 2026-01-01T00:00:00.000Z');
    expect(logout.map((e) => e.kind)).toEqual(['removed', 'removed']);
    expect(printDiff(diffSessions(null, { $ss: 'instance', className: 'S', entries: { n: 1 } }))).toBe(
      '+ n: 1',
    );
    expect(printDiff(diffSessions(null, {}))).toBe('(no changes)');
    // A value that is not keyed (a typed leaf) stays one entry.
    expect(printDiff(diffSessions(null, { $ss: 'date', iso: 'x' }))).toBe('+ (root): Date x');
    expect(diffSessions(null, null)).toEqual([]);
    expect(printDiff(diffSessions({ a: 1 }, { a: 1 }))).toBe('(no changes)');
  });

  test('odd keys are quoted in paths', () => {
    expect(formatPath(['prefs', 'dark mode', 0, '$ok'])).toBe('prefs["dark mode"][0].$ok');
    expect(diffSessions({ 'a.b': 1 }, { 'a.b': 2 })[0]?.path).toBe('["a.b"]');
  });
});
