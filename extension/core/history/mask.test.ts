import { describe, expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { HistoryRecord } from './format.js';
import { MASKED_HEADER, createMasker, maskCookieHeader, maskRecords, maskSetCookie } from './mask.js';

const SID = 's%3AQnq5a8i9VfJx0r1Xw2yZ.sig7Hq2c0bYlJ4nTgqkq3m1xC2vXQ0mV9pUa5y6wF8zE';
const REMEMBER = 'rmb_5f1c0d9e8a7b6c5d4e3f2a1b';

describe('createMasker', () => {
  test('same secret → same mask, different secrets → different masks, length kept when it fits', () => {
    const mask = createMasker();
    const a = mask(SID);
    expect(a).toHaveLength(SID.length);
    expect(a).toMatch(/^masked1_+$/);
    expect(mask(SID)).toBe(a);
    expect(mask(REMEMBER)).not.toBe(a);
    expect(mask('')).toBe('');
    expect(mask('1')).toBe('masked3');
  });
});

describe('maskSetCookie / maskCookieHeader', () => {
  test('only the value goes; name and attributes stay byte for byte', () => {
    const mask = createMasker();
    expect(
      maskSetCookie(
        `connect.sid=${SID}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; SameSite=Lax`,
        mask,
      ),
    ).toBe(`connect.sid=${mask(SID)}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; SameSite=Lax`);
    expect(maskSetCookie('gone=; Max-Age=0', mask)).toBe('gone=; Max-Age=0');
    expect(maskSetCookie('nameless', mask)).not.toContain('nameless');
    expect(maskCookieHeader(`connect.sid=${SID}; remember=${REMEMBER}`, mask)).toBe(
      `connect.sid=${mask(SID)}; remember=${mask(REMEMBER)}`,
    );
  });
});

describe('maskRecords', () => {
  const payload = samplePayload({
    response: { status: 200, setCookie: [`connect.sid=${SID}; Path=/; HttpOnly`] },
    session: {
      before: { views: 1 },
      after: { views: 2 },
      idBefore: 'id-before-AAAA',
      idAfter: 'id-after-BBBB',
      change: 'regenerated',
    },
  });
  const records: HistoryRecord[] = [
    {
      url: 'http://localhost:3000/login',
      method: 'POST',
      status: 303,
      time: 1,
      debugHeader: 'v=1; jwe=eyJ.a.b.c.d',
      setCookies: [`connect.sid=${SID}; Path=/; HttpOnly`, `remember=${REMEMBER}; Max-Age=2592000`],
      cookieHeader: 'connect.sid=old-value',
      storedCookies: [{ name: 'connect.sid', httpOnly: true, secure: false, sameSite: 'Lax', expires: null }],
      debug: { state: 'decoded', payload },
    },
    {
      url: 'http://localhost:3000/',
      method: 'GET',
      status: 200,
      time: 2,
      debugHeader: null,
      setCookies: [],
      cookieHeader: `connect.sid=${SID}; remember=${REMEMBER}`,
      storedCookies: [],
      debug: { state: 'plain' },
    },
  ];

  test('no cookie value, session id or JWE survives; names, flags, sizes and equalities do', () => {
    const masked = maskRecords(records);
    const text = JSON.stringify(masked);
    for (const secret of [SID, REMEMBER, 'old-value', 'id-before-AAAA', 'id-after-BBBB', 'eyJ.a.b.c.d']) {
      expect(text).not.toContain(secret);
    }
    const [login, home] = masked;
    expect(login!.debugHeader).toBe(MASKED_HEADER);
    expect(home!.debugHeader).toBeNull();
    expect(login!.setCookies[0]).toMatch(/^connect\.sid=masked\d+_*; Path=\/; HttpOnly$/);
    expect(login!.setCookies[0]).toHaveLength(records[0]!.setCookies[0]!.length);
    // The value set at login is the value sent next: the masks agree, so "the browser kept it" still reads true.
    expect(home!.cookieHeader).toContain(login!.setCookies[0]!.split(';')[0]!);
    expect(login!.storedCookies).toEqual(records[0]!.storedCookies);
    const p = login!.debug.state === 'decoded' ? (login!.debug.payload as typeof payload) : null;
    expect(p?.response.setCookie[0]).toBe(login!.setCookies[0]);
    expect(p?.session.idBefore).not.toBe(p?.session.idAfter);
    expect(p?.session.after).toEqual({ views: 2 });
    expect(records[0]!.setCookies[0]).toContain(SID); // the panel's own records are untouched
  });
});
