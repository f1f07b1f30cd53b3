import { describe, expect, test } from 'vitest';
import { parseSetCookies } from '../cookies/set-cookie.js';
import { buildTimeline, type CookieRow, type StoreRow, type TimelineInput } from './model.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');
const MIN = 60_000;

function input(
  index: number,
  time: number,
  headers: string[],
  extra: Partial<TimelineInput> = {},
): TimelineInput {
  return {
    index,
    time,
    setCookies: parseSetCookies(headers, time),
    sentCookies: [],
    storeTtlMs: null,
    sessionCookieName: 'sid',
    ...extra,
  };
}

describe('buildTimeline', () => {
  test('a browser-session cookie becomes persistent after remember-me', () => {
    const t = buildTimeline(
      [input(0, T0, ['sid=a; HttpOnly']), input(1, T0 + MIN, ['sid=a; Max-Age=2592000; HttpOnly'])],
      T0 + 2 * MIN,
    );
    const row = t.rows[0] as CookieRow;
    expect(row).toMatchObject({ name: 'sid', isSessionCookie: true });
    expect(row.segments.map((s) => [s.kind, s.end])).toEqual([
      ['session', 'replaced'],
      ['persistent', 'live'],
    ]);
    expect(row.segments[1]?.until).toBe(T0 + MIN + 2592000 * 1000);
    expect(t.end).toBe(T0 + MIN + 2592000 * 1000);
  });

  test('rolling sessions: every response moves the expiry later, marked as renewal', () => {
    const t = buildTimeline(
      [0, 1, 2].map((i) => input(i, T0 + i * MIN, ['sid=a; Max-Age=600'])),
      T0 + 3 * MIN,
    );
    const row = t.rows[0] as CookieRow;
    expect(row.segments.map((s) => s.until)).toEqual([T0 + 10 * MIN, T0 + 11 * MIN, T0 + 12 * MIN]);
    expect(row.segments.map((s) => s.renewed)).toEqual([false, true, true]);
  });

  test('logout deletes: the segment ends as deleted and no new one starts', () => {
    const t = buildTimeline([input(0, T0, ['sid=a']), input(1, T0 + MIN, ['sid=; Max-Age=0'])], T0 + MIN);
    const row = t.rows[0] as CookieRow;
    expect(row.segments).toHaveLength(1);
    expect(row.segments[0]?.end).toBe('deleted');
    expect(row.ticks.map((k) => k.set)).toEqual([true, true]);
  });

  test('store TTL gets its own row and drift against the cookie is measured', () => {
    const t = buildTimeline([input(0, T0, ['sid=a; Max-Age=3600'], { storeTtlMs: 1800 * 1000 })], T0);
    const store = t.rows.find((r): r is StoreRow => r.kind === 'store');
    expect(store?.points).toEqual([{ index: 0, time: T0, expiresAt: T0 + 1800 * 1000 }]);
    expect(t.drift).toEqual({ index: 0, ms: -1800 * 1000 });
  });

  test('requests that only send the cookie are ticks, not segments', () => {
    const t = buildTimeline(
      [input(0, T0, ['sid=a']), input(1, T0 + MIN, [], { sentCookies: ['sid'] })],
      T0 + MIN,
    );
    const row = t.rows[0] as CookieRow;
    expect(row.ticks).toEqual([
      { index: 0, time: T0, set: true },
      { index: 1, time: T0 + MIN, set: false },
    ]);
    expect(row.segments).toHaveLength(1);
  });

  test('token expiry claims get a row', () => {
    const t = buildTimeline(
      [input(0, T0, [], { tokenExpiries: [{ cookieName: 'jwt', expiresAt: T0 + 5 * MIN }] })],
      T0,
    );
    expect(t.rows).toEqual([
      { kind: 'token', name: 'jwt (token exp)', points: [{ index: 0, time: T0, expiresAt: T0 + 5 * MIN }] },
    ]);
  });
});
