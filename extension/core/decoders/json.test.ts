// The bounded JSON parser and base64 helpers against the platform's own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64Url } from './base64.js';
import { parseJson } from './json.js';
import { toTyped } from './to-typed.js';

function parsesLikeJsonParse(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('parseJson', () => {
  it('reads what JSON.stringify writes as JSON.parse does (property)', () => {
    // JSON.parse itself is the reference ('$ss' keys aside, which the vocabulary escapes).
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!text.includes('"$ss"'));
        const parsed = parseJson(text, { allowNonFinite: false });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(toTyped(parsed.value, { bigIntegers: 'number' })).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts and refuses the same text as JSON.parse (property)', () => {
    const near = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.tuple(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 2 })).map(([v, at, s]) => {
        const text = JSON.stringify(v);
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + s + text.slice(cut + 1);
      }),
    );
    fc.assert(
      fc.property(near, (text) => {
        expect(parseJson(text, { allowNonFinite: false }).ok).toBe(parsesLikeJsonParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps what JSON.parse loses: Python's NaN/Infinity, big integers, -0", () => {
    const parsed = parseJson('[NaN,-Infinity,18446744073709551616,-0.0,-0,1e400]', { allowNonFinite: true });
    expect(parsed.ok && toTyped(parsed.value, { bigIntegers: 'bigint' })).toEqual([
      { $ss: 'number', value: 'NaN' },
      { $ss: 'number', value: '-Infinity' },
      { $ss: 'bigint', value: '18446744073709551616' },
      { $ss: 'number', value: '-0' },
      0,
      { $ss: 'number', value: 'Infinity' },
    ]);
    expect(parseJson('[NaN]', { allowNonFinite: false }).ok).toBe(false);
  });

  it('keeps __proto__ an ordinary key and escapes a $ss key', () => {
    const parsed = parseJson('{"__proto__":{"x":1},"a":{"$ss":"date"}}', { allowNonFinite: false });
    const typed = parsed.ok ? toTyped(parsed.value, { bigIntegers: 'number' }) : null;
    expect(Object.keys(typed as object)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect((typed as Record<string, unknown>)['a']).toEqual({ $ss: 'object', entries: { $ss: 'date' } });
  });

  it('refuses nesting deeper than the limit', () => {
    expect(parseJson('['.repeat(129) + ']'.repeat(129), { allowNonFinite: false })).toMatchObject({
      ok: false,
      tooDeep: true,
    });
    expect(parseJson('['.repeat(128) + ']'.repeat(128), { allowNonFinite: false }).ok).toBe(true);
  });
});

describe('base64', () => {
  it('decodes what Buffer encodes, in both alphabets, padded or not (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(decodeBase64(buffer.toString('base64url'), 'url')).toEqual(bytes);
        expect(decodeBase64(buffer.toString('base64'), 'standard')).toEqual(bytes);
        expect(decodeBase64(buffer.toString('base64').replace(/=+$/, ''), 'either')).toEqual(bytes);
        expect(encodeBase64Url(bytes)).toBe(buffer.toString('base64url'));
      }),
    );
  });

  it.each([
    ['a character outside the alphabet', 'ab*d', 'either'],
    ['the other alphabet', 'ab+d', 'url'],
    ['the other alphabet', 'ab_d', 'standard'],
    ['a 4n+1 length', 'abcde', 'url'],
    ['padding in the middle', 'ab=cd', 'standard'],
    ['padding on a length no encoder pads', 'abcde=', 'standard'],
  ] as const)('refuses %s', (_, text, alphabet) => {
    expect(decodeBase64(text, alphabet)).toBeUndefined();
  });
});
