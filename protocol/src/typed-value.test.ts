import { describe, expect, test } from 'vitest';
import { encodeTyped, tagOf } from './typed-value.js';

describe('encodeTyped', () => {
  test('plain JSON passes through unchanged', () => {
    const value = { a: 1, b: 'x', c: [true, null, { d: 2.5 }] };
    expect(encodeTyped(value).value).toEqual(value);
  });

  test('values JSON cannot carry arrive typed', () => {
    class Cart {
      items = [1];
    }
    const input = {
      when: new Date('2026-01-02T03:04:05.000Z'),
      bad: new Date(NaN),
      big: 12345678901234567890n,
      nothing: undefined,
      nan: NaN,
      inf: -Infinity,
      negZero: -0,
      map: new Map<unknown, unknown>([['k', 1]]),
      set: new Set(['a']),
      buf: Uint8Array.from([1, 2, 255]),
      re: /x+/g,
      err: new TypeError('boom'),
      fn: function named() {},
      cart: new Cart(),
      sneaky: { $ss: 'date', iso: 'not really' },
    };
    const { value } = encodeTyped(input);
    expect(value).toMatchObject({
      when: { $ss: 'date', iso: '2026-01-02T03:04:05.000Z' },
      bad: { $ss: 'date', iso: null },
      big: { $ss: 'bigint', value: '12345678901234567890' },
      nothing: { $ss: 'undefined' },
      nan: { $ss: 'number', value: 'NaN' },
      inf: { $ss: 'number', value: '-Infinity' },
      negZero: { $ss: 'number', value: '-0' },
      map: { $ss: 'map', size: 1, entries: [['k', 1]] },
      set: { $ss: 'set', size: 1, values: ['a'] },
      buf: { $ss: 'bytes', type: 'Uint8Array', length: 3, base64url: 'AQL_' },
      re: { $ss: 'regexp', source: 'x+', flags: 'g' },
      err: { $ss: 'error', name: 'TypeError', message: 'boom' },
      fn: { $ss: 'function', name: 'named' },
      cart: { $ss: 'instance', className: 'Cart', entries: { items: [1] } },
      sneaky: { $ss: 'object', entries: { $ss: 'date', iso: 'not really' } },
    });
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  test('cycles become a path to the ancestor instead of a crash', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(encodeTyped(a).value).toEqual({
      name: 'a',
      self: { $ss: 'cycle', path: '$' },
      list: [{ $ss: 'cycle', path: '$' }],
    });
  });

  test('a shared (non-cyclic) object is encoded at each place it appears', () => {
    const shared = { x: 1 };
    expect(encodeTyped({ a: shared, b: shared }).value).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  test('redaction applies at any depth, inside arrays, and reports the paths', () => {
    const result = encodeTyped(
      { user: { name: 'ann', password: 'hunter2' }, tokens: [{ token: 't1' }], token: 'x' },
      { redact: (key) => key === 'password' || key === 'token' },
    );
    expect(result.value).toEqual({
      user: { name: 'ann', password: { $ss: 'redacted' } },
      tokens: [{ token: { $ss: 'redacted' } }],
      token: { $ss: 'redacted' },
    });
    expect(result.redacted.sort()).toEqual(['$.token', '$.tokens[0].token', '$.user.password']);
    expect(JSON.stringify(result.value)).not.toContain('hunter2');
  });

  test('limits cut long strings, long arrays and deep nesting, and say so', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 50; i++) deep = (deep.next = {}) as Record<string, unknown>;
    const result = encodeTyped(
      { s: 'x'.repeat(100), list: Array.from({ length: 10 }, (_, i) => i), root },
      { limits: { maxString: 10, maxItems: 3, maxDepth: 5 } },
    );
    expect(result.truncated).toBe(true);
    const v = result.value as Record<string, unknown>;
    expect(v.s).toEqual({ $ss: 'truncated', length: 100, preview: 'xxxxxxxxxx' });
    expect(v.list).toEqual([0, 1, 2, { $ss: 'more', count: 7 }]);
    expect(JSON.stringify(v.root)).toContain('"$ss":"deep"');
  });

  test('a getter that throws is recorded as an error value, not thrown', () => {
    const input = Object.defineProperty({}, 'bad', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(encodeTyped(input).value).toEqual({ bad: { $ss: 'error', name: 'Error', message: 'nope' } });
  });

  test('a session key named __proto__ stays an ordinary key and survives JSON', () => {
    const input = JSON.parse('{"__proto__":{"x":1},"a":1}') as object;
    const { value } = encodeTyped(input);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":1},"a":1}');
  });

  test('tagOf names typed nodes and nothing else', () => {
    expect(tagOf({ $ss: 'date', iso: null })).toBe('date');
    expect(tagOf({ a: 1 })).toBeUndefined();
    expect(tagOf([1])).toBeUndefined();
    expect(tagOf('x')).toBeUndefined();
  });
});

test('a Map value under a secret-looking string key is redacted, and the path says so', () => {
  const result = encodeTyped(
    {
      m: new Map<unknown, unknown>([
        ['password', 'hunter2'],
        ['theme', 'dark'],
        [1, 'one'],
      ]),
    },
    { redact: (k) => k === 'password' },
  );
  expect(result.value).toEqual({
    m: {
      $ss: 'map',
      size: 3,
      entries: [
        ['password', { $ss: 'redacted' }],
        ['theme', 'dark'],
        [1, 'one'],
      ],
    },
  });
  expect(result.redacted).toEqual(['$.m.get("password")']);
  expect(JSON.stringify(result.value)).not.toContain('hunter2');
});
