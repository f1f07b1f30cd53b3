// JWTs made by jose (signed and unsecured), plus hand-broken ones.
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from './decode-cookie.js';
import { decodeJwt, type JwtDecoding } from './jwt.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const KEY = new TextEncoder().encode('a-32-byte-secret-for-hs256-tests');

function decoded(token: string): JwtDecoding {
  const result = decodeJwt(token, { now: NOW });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(KEY);

describe('decodeJwt', () => {
  it('reads header, claims and the time claims as times', async () => {
    const token = await signed({ sub: 'ada', iat: NOW_S - 60, nbf: NOW_S - 60, exp: NOW_S + 3600 });
    const result = decoded(token);
    expect(result.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(result.claims).toEqual({ sub: 'ada', iat: NOW_S - 60, nbf: NOW_S - 60, exp: NOW_S + 3600 });
    expect(result.times.exp).toEqual({
      epochSeconds: NOW_S + 3600,
      iso: '2026-03-01T13:00:00.000Z',
      secondsFromNow: 3600,
    });
    expect(result.times.iat?.secondsFromNow).toBe(-60);
    expect(result).toMatchObject({ expired: false, notYetValid: false, unsecured: false, warnings: [] });
    expect(result.signature).toMatchObject({ present: true, verified: false, algorithm: 'HS256' });
    expect(decodeCookie('token', token, { now: NOW })).toMatchObject({ format: 'jwt', algorithm: 'HS256' });
  });

  it('flags an expired token (exp <= now, as jose judges it)', async () => {
    const result = decoded(await signed({ exp: NOW_S }));
    expect(result.expired).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_EXPIRED']);
    expect(result.warnings[0]?.message).toBe('Expired at 2026-03-01T12:00:00.000Z.');
  });

  it('flags nbf in the future and iat in the future', async () => {
    const result = decoded(await signed({ nbf: NOW_S + 10, iat: NOW_S + 10 }));
    expect(result).toMatchObject({ notYetValid: true, expired: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_NOT_YET_VALID', 'WARN_ISSUED_IN_FUTURE']);
  });

  it('flags alg none, whatever its case', () => {
    const token = new UnsecuredJWT({ sub: 'admin' }).encode();
    const result = decoded(token);
    expect(result).toMatchObject({ unsecured: true, algorithm: 'none', signature: { present: false } });
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_ALG_NONE']);
    const shouty = `${Buffer.from('{"alg":"NONE"}').toString('base64url')}.${token.split('.')[1]}.`;
    expect(decoded(shouty).unsecured).toBe(true);
  });

  it('warns about time claims that are not numbers', () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const result = decoded(`${b64({ alg: 'HS256' })}.${b64({ exp: '2026-01-01' })}.c2ln`);
    expect(result.times.exp).toBeUndefined();
    expect(result.expired).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['WARN_TIME_CLAIM_NOT_NUMBER']);
  });
});

describe('decodeJwt: malformed parts', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const HEADER = b64('{"alg":"HS256"}');
  it.each([
    ['two parts', `${HEADER}.${b64('{}')}`, 'ERR_COOKIE_SHAPE', /2 dot-separated parts, a JWT has 3/],
    [
      'a header that is not base64url',
      `${HEADER}+.${b64('{}')}.sig`,
      'ERR_COOKIE_SHAPE',
      /header is not URL-safe base64/,
    ],
    [
      'a header that is not JSON',
      `${b64('{alg}')}.${b64('{}')}.sig`,
      'ERR_COOKIE_SHAPE',
      /header is not JSON/,
    ],
    [
      'a header without alg',
      `${b64('{"typ":"JWT"}')}.${b64('{}')}.sig`,
      'ERR_COOKIE_SHAPE',
      /no "alg" string/,
    ],
    ['claims that are not base64url', `${HEADER}.a*b.sig`, 'ERR_BASE64', /claims is not URL-safe base64/],
    ['claims that are not JSON', `${HEADER}.${b64('nope')}.sig`, 'ERR_JSON', /claims is not JSON/],
    [
      'claims that are a list',
      `${HEADER}.${b64('[1]')}.sig`,
      'ERR_NOT_AN_OBJECT',
      /claims is JSON but not an object/,
    ],
    [
      'claims nested too deep',
      `${HEADER}.${b64('['.repeat(200))}.sig`,
      'ERR_JSON_TOO_DEEP',
      /deeper than 128/,
    ],
    [
      'a signature that is not base64url',
      `${HEADER}.${b64('{}')}.s/g`,
      'ERR_BASE64',
      /signature is not URL-safe/,
    ],
  ])('%s', (_, token, code, message) => {
    const result = decodeJwt(token, { now: NOW });
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toMatch(message);
  });
});
