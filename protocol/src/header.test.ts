import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatInlineHeader, formatRefHeader, parseDebugHeader } from './header.js';
import { SessionscopeError } from './errors.js';

const JWE = 'eyJhbGciOiJkaXIifQ..aXY.Y2lwaGVy.dGFn';
const REF = 'A'.repeat(43);

function codeOf(value: string): string {
  try {
    parseDebugHeader(value);
    return 'OK';
  } catch (error) {
    expect(error).toBeInstanceOf(SessionscopeError);
    return (error as SessionscopeError).code;
  }
}

describe('parseDebugHeader', () => {
  test('reads what the formatters write', () => {
    expect(parseDebugHeader(formatInlineHeader(JWE))).toEqual({ kind: 'inline', version: 1, jwe: JWE });
    expect(parseDebugHeader(formatRefHeader(REF, `/__sessionscope/payload/${REF}`))).toEqual({
      kind: 'ref',
      version: 1,
      ref: REF,
      url: `/__sessionscope/payload/${REF}`,
    });
  });

  test('an unknown version says so plainly instead of guessing', () => {
    const error = (() => {
      try {
        parseDebugHeader(`v=2; jwe=${JWE}`);
      } catch (e) {
        return e as SessionscopeError;
      }
    })();
    expect(error?.code).toBe('ERR_PROTOCOL_VERSION');
    expect(error?.message).toBe(
      'This panel speaks Sessionscope protocol v1; the server sent v2. Update whichever side is older.',
    );
  });

  test.each([
    ['', 'ERR_HEADER_MALFORMED'],
    ['garbage', 'ERR_HEADER_MALFORMED'],
    [`jwe=${JWE}`, 'ERR_HEADER_MALFORMED'],
    [`v=1; jwe=${JWE}; ref=${REF}; url=/x`, 'ERR_HEADER_MALFORMED'],
    [`v=1; jwe=not-a-jwe`, 'ERR_HEADER_MALFORMED'],
    [`v=1; v=1; jwe=${JWE}`, 'ERR_HEADER_MALFORMED'],
    [`v=1; ref=${REF}`, 'ERR_HEADER_MALFORMED'],
    [`v=1; ref=short; url=/x`, 'ERR_HEADER_MALFORMED'],
    // A header must never send the panel to another origin.
    [`v=1; ref=${REF}; url=https://evil.example/x`, 'ERR_HEADER_MALFORMED'],
    [`v=1; ref=${REF}; url=//evil.example/x`, 'ERR_HEADER_MALFORMED'],
    [`v=1; ref=${REF}; url=/\\evil.example`, 'ERR_HEADER_MALFORMED'],
    [`v=1; jwe=${'A'.repeat(70_000)}`, 'ERR_HEADER_MALFORMED'],
  ])('rejects %j', (value, code) => {
    expect(codeOf(value)).toBe(code);
  });

  test('any string either parses or fails with a SessionscopeError (never another exception)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        expect(['OK', 'ERR_HEADER_MALFORMED', 'ERR_PROTOCOL_VERSION']).toContain(codeOf(value));
      }),
      { numRuns: 2000 },
    );
  });
});
