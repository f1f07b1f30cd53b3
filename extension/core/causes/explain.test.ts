import { describe, expect, test } from 'vitest';
import { parseSetCookies } from '../cookies/set-cookie.js';
import { KEYS_NAMED, causeText, deadCookieText, describeVerdict } from './describe.js';
import { explainSession, keysOf } from './explain.js';
import type { Plain, TypedValue } from '../../../protocol/src/typed-value.js';
import type { ObservedRequest, ObservedSession } from './types.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');
const SIG = 'A'.repeat(43);
const sid = (id: string) => `s%3A${id}.${SIG}`;

let next = 1;
function req(
  method: string,
  path: string,
  opts: {
    at?: number;
    sent?: Record<string, string> | null;
    set?: string[];
    session?: Partial<ObservedSession> | null;
  } = {},
): ObservedRequest {
  const time = opts.at ?? T0 + next * 1000;
  return {
    id: next++,
    method,
    url: `http://app.test${path}`,
    time,
    sent: opts.sent === null || opts.sent === undefined ? null : new Map(Object.entries(opts.sent)),
    setCookies: parseSetCookies(opts.set ?? [], time),
    session:
      opts.session === null
        ? null
        : {
            kind: 'express-session',
            cookieName: 'connect.sid',
            before: null,
            after: null,
            idBefore: null,
            idAfter: null,
            change: 'none',
            storeTtlMs: null,
            ...opts.session,
          },
  };
}

const live = (
  id: string,
  data: { [key: string]: Plain },
  change: ObservedSession['change'] = 'modified',
) => ({ before: data, after: data, idBefore: id, idAfter: id, change });

describe('explainSession: the session continues', () => {
  test('same id, same data: continued, nothing to say', () => {
    const a = req('GET', '/', { sent: { 'connect.sid': sid('x') }, session: live('x', { views: 1 }) });
    const b = req('GET', '/', { sent: { 'connect.sid': sid('x') }, session: live('x', { views: 1 }) });
    const e = explainSession(b, [a]);
    expect(e?.verdict).toEqual({
      kind: 'continued',
      since: { id: a.id, method: 'GET', url: a.url },
      outside: false,
    });
    expect(describeVerdict(e!.verdict)).toBeNull();
  });

  test('same id, other data: changed outside the panel view', () => {
    const a = req('GET', '/', { session: live('x', { views: 1 }) });
    const b = req('GET', '/', { session: { ...live('x', { views: 5 }) } });
    expect(explainSession(b, [a])?.verdict).toMatchObject({ kind: 'continued', outside: true });
  });

  test('no payload: no explanation', () => {
    expect(explainSession(req('GET', '/x.css', { session: null }), [])).toBeNull();
  });
});

describe('explainSession: lost sessions name their cause', () => {
  test('cookie-session: the browser dropped the oversized Set-Cookie of the previous request', () => {
    const big = `session=${'a'.repeat(4300)}; path=/; httponly`;
    const a = req('POST', '/bloat', {
      sent: { session: 'small' },
      set: [big, 'session.sig=abc; path=/'],
      session: {
        kind: 'cookie-session',
        cookieName: 'session',
        before: { bloat: [1] },
        after: { user: 'ann', bloat: [1, 2] },
        change: 'modified',
      },
    });
    const b = req('GET', '/', {
      sent: { session: 'small', 'session.sig': 'abc' },
      session: {
        kind: 'cookie-session',
        cookieName: 'session',
        before: null,
        after: { views: 1 },
        change: 'new',
      },
    });
    const e = explainSession(
      b,
      [a],
      [{ requestId: a.id, cookieName: 'session', reason: '4308 bytes, over the 4096-byte limit' }],
    )!;
    expect(e.verdict).toMatchObject({
      kind: 'lost',
      lostKeys: ['user', 'bloat'],
      cause: { kind: 'cookie-dropped', at: { id: a.id }, cookieName: 'session' },
    });
    const text = describeVerdict(e.verdict)!;
    expect(text.label).toBe('session lost');
    expect(text.link?.id).toBe(a.id);
    expect(text.detail).toContain(`#${a.id} POST /bloat`);
    expect(text.detail).toContain('4308 bytes');
    // Without the drop observed, the same story reads as a cookie the browser did not store.
    expect(explainSession(b, [a])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'cookie-not-stored' },
    });
  });

  test('express-session: the store no longer has the id the browser sent; TTL passed or vanished', () => {
    const a = req('GET', '/', {
      at: T0,
      sent: { 'connect.sid': sid('x') },
      session: { ...live('x', { user: 'ann' }), storeTtlMs: 60_000 },
    });
    const late = req('GET', '/', {
      at: T0 + 120_000,
      sent: { 'connect.sid': sid('x') },
      session: { before: null, after: null, change: 'none' },
    });
    expect(explainSession(late, [a])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'store-expired', sessionId: 'x', ttlMs: 60_000 },
    });
    const soon = req('GET', '/', {
      at: T0 + 5_000,
      sent: { 'connect.sid': sid('x') },
      session: { before: null, after: null, change: 'none' },
    });
    const vanished = explainSession(soon, [a])!.verdict;
    expect(vanished).toMatchObject({ kind: 'lost', cause: { kind: 'store-vanished', sessionId: 'x' } });
    expect(vanished.kind === 'lost' && causeText(vanished.cause)).toContain('store no longer has it');
  });

  test('the cookie expired, was deleted, or was not sent', () => {
    const setAt = T0;
    const a = req('POST', '/remember', {
      at: setAt,
      set: ['connect.sid=' + sid('x') + '; Max-Age=10; Path=/'],
      session: live('x', { user: 'ann' }),
    });
    const after = req('GET', '/', { at: setAt + 60_000, sent: {}, session: { before: null, after: null } });
    expect(explainSession(after, [a])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'cookie-expired', expiredAt: setAt + 10_000 },
    });
    const soon = req('GET', '/', { at: setAt + 1_000, sent: null, session: { before: null, after: null } });
    expect(explainSession(soon, [a])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'cookie-not-sent', at: { id: a.id } },
    });
    const del = req('POST', '/x', {
      set: ['connect.sid=; Max-Age=0; Path=/'],
      session: live('x', { user: 'ann' }),
    });
    const then = req('GET', '/', { sent: null, session: { before: null, after: null } });
    expect(explainSession(then, [a, del])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'cookie-deleted', at: { id: del.id } },
    });
  });

  test('the browser came back with an older id than the one a response set', () => {
    const a = req('POST', '/login', {
      set: ['connect.sid=' + sid('y') + '; Path=/'],
      session: {
        before: { v: 1 },
        after: { user: 'ann' },
        idBefore: 'x',
        idAfter: 'y',
        change: 'regenerated',
      },
    });
    const b = req('GET', '/', {
      sent: { 'connect.sid': sid('x') },
      session: { before: null, after: null, idBefore: null, idAfter: null, change: 'none' },
    });
    expect(explainSession(b, [a])!.verdict).toMatchObject({
      kind: 'lost',
      cause: { kind: 'cookie-not-stored', at: { id: a.id } },
    });
  });
});

describe('explainSession: ends on purpose', () => {
  test('logout destroys: the keys gone, later requests say why, a cookie still held is flagged', () => {
    const login = req('POST', '/login', {
      sent: { 'connect.sid': sid('x') },
      session: live('x', { user: 'ann', cart: [] }),
    });
    const logout = req('POST', '/logout', {
      sent: { 'connect.sid': sid('x') },
      session: {
        before: { user: 'ann', cart: [] },
        after: null,
        idBefore: 'x',
        idAfter: null,
        change: 'destroyed',
      },
    });
    const d = explainSession(logout, [login])!;
    expect(d.verdict).toEqual({ kind: 'destroyed', removedKeys: ['user', 'cart'] });
    expect(describeVerdict(d.verdict)!.detail).toBe('Gone with it: user, cart.');
    const home = req('GET', '/', {
      sent: { 'connect.sid': sid('x') },
      session: { before: null, after: null, change: 'none' },
    });
    const h = explainSession(home, [login, logout])!;
    expect(h.verdict).toMatchObject({ kind: 'after-destroy', endedAt: { id: logout.id } });
    expect(h.deadCookie).toEqual({
      cookieName: 'connect.sid',
      sessionId: 'x',
      destroyedAt: { id: logout.id, method: 'POST', url: logout.url },
    });
    expect(deadCookieText(h.deadCookie!)).toContain(`#${logout.id} POST /logout`);
    const later = req('GET', '/about', {
      sent: { 'connect.sid': sid('x') },
      session: { before: null, after: null, change: 'none' },
    });
    expect(explainSession(later, [login, logout, home])!.verdict).toMatchObject({
      kind: 'after-destroy',
      endedAt: { id: logout.id },
    });
    // A browser that dropped the dead cookie is not flagged.
    const clean = req('GET', '/', { sent: null, session: { before: null, after: null, change: 'none' } });
    expect(explainSession(clean, [login, logout])!.deadCookie).toBeNull();
  });

  test('regenerate says which keys made it across', () => {
    const r = req('POST', '/login', {
      session: {
        before: { views: 2, flash: 'x' },
        after: { views: 2, user: 'ann' },
        idBefore: 'x',
        idAfter: 'y',
        change: 'regenerated',
      },
    });
    const v = explainSession(r, [])!.verdict;
    expect(v).toEqual({
      kind: 'regenerated',
      oldId: 'x',
      newId: 'y',
      kept: ['views'],
      dropped: ['flash'],
      added: ['user'],
    });
    expect(describeVerdict(v)!.detail).toBe(
      'Moved to the new id: views. Dropped by the handler (not copied to the new session): flash. Added: user.',
    );
    const all = explainSession(
      req('POST', '/login', {
        session: {
          before: { views: 2 },
          after: { views: 2 },
          idBefore: 'x',
          idAfter: 'y',
          change: 'regenerated',
        },
      }),
      [],
    )!.verdict;
    expect(describeVerdict(all)!.detail).toBe('All data moved to the new id.');
  });
});

describe('describeVerdict: key lists stay one readable line', () => {
  test('20,000 lost keys name the first few and count the rest; a huge key is cut, saying how much', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `key${i}`);
    keys[1] = 'k'.repeat(5000);
    const since = { id: 1, method: 'GET', url: 'http://localhost/' };
    const text = describeVerdict({
      kind: 'lost',
      since,
      cause: { kind: 'store-vanished', sessionId: 'abc', at: since },
      lostKeys: keys,
    })!;
    expect(text.headline).toContain('key0, ');
    expect(text.headline).toContain(
      `key${KEYS_NAMED - 1} and ${(20000 - KEYS_NAMED).toLocaleString('en-US')} more keys gone`,
    );
    expect(text.headline).not.toContain(`key${KEYS_NAMED},`);
    expect(text.headline).toContain(`${'k'.repeat(60)}… 4,940 more chars`);
    expect(text.headline.length).toBeLessThan(400);
    const destroyed = describeVerdict({ kind: 'destroyed', removedKeys: ['a', 'b'] })!;
    expect(destroyed.detail).toBe('Gone with it: a, b.');
    const eleven = describeVerdict({ kind: 'destroyed', removedKeys: keys.slice(0, KEYS_NAMED + 1) })!;
    expect(eleven.detail).toMatch(/ and 1 more key\.$/);
  });
});

describe('explainSession: huge and hostile sessions (issue 13)', () => {
  test('regenerating a session of 20,000 keys: kept, dropped and added are each right', () => {
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) before[`k${i}`] = i;
    for (let i = 10_000; i < 30_000; i++) after[`k${i}`] = i;
    const v = explainSession(
      req('POST', '/login', {
        session: { before, after, idBefore: 'x', idAfter: 'y', change: 'regenerated' },
      }),
      [],
    )!.verdict;
    expect(v).toMatchObject({ kind: 'regenerated' });
    if (v.kind !== 'regenerated') return;
    expect([v.kept.length, v.dropped.length, v.added.length]).toEqual([10_000, 10_000, 10_000]);
    expect(v.added[0]).toBe('k20000');
  });

  test('keys of a value wrapped in `object` 100,000 times: read without recursion', () => {
    let wrapped: TypedValue = { user: 'ann' };
    for (let i = 0; i < 100_000; i++) wrapped = { $ss: 'object', entries: wrapped };
    expect(keysOf(wrapped)).toEqual(['user']);
  });
});
