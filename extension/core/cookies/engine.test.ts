import { describe, expect, test } from 'vitest';
import { judgeHistory } from './history.js';
import { CookieJar } from './jar.js';
import { observedDrops, observeHistory, settledOutcome, type ObservedRequest } from './observe.js';
import { CHROMIUM, FIREFOX, type BrowserProfile } from './profiles.js';
import { judgeSetCookie, type CookieVerdict } from './verdict.js';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const judge = (
  raw: string,
  url = 'https://app.example.com/a/b',
  profile: BrowserProfile = CHROMIUM,
  extra: { topUrl?: string; serverDate?: string } = {},
) => judgeSetCookie(raw, { url, receivedAt: NOW, ...extra }, profile, new CookieJar(profile));
const codes = (v: CookieVerdict) => v.notes.map((n) => n.code);

describe('one Set-Cookie (RFC 6265bis §5.6–5.7 with each browser’s deviations)', () => {
  test('duplicate attributes: the last one counts', () => {
    expect(judge('d=1; Path=/x; Path=/').cookie?.path).toBe('/');
    expect(judge('d=1; Max-Age=3600; Max-Age=0').outcome).toBe('deleted');
    expect(judge('d=1; SameSite=Strict; SameSite=Lax').cookie?.sameSite).toBe('Lax');
    expect(judge('d=1; Domain=other.com; Domain=example.com').cookie).toMatchObject({
      domain: 'example.com',
      hostOnly: false,
    });
  });

  test('empty Domain= is ignored (host-only), and says so', () => {
    const v = judge('d=1; Domain=');
    expect(v.outcome).toBe('stored');
    expect(v.cookie).toMatchObject({ domain: 'app.example.com', hostOnly: true });
    expect(codes(v)).toEqual(['domain-empty']);
  });

  test('attribute values over 1024 bytes are ignored, not shown', () => {
    const v = judge(`d=1; Path=/${'p'.repeat(1024)}`);
    expect(v.cookie?.path).toBe('/a');
    expect(codes(v)).toEqual(['attribute-too-long']);
    // Firefox applies the limit to Path but not to SameSite (oracle attribute-length/006).
    expect(
      judge(`d=1; SameSite=Strict; SameSite=${'x'.repeat(1025)}`, undefined, FIREFOX).cookie?.sameSite,
    ).toBeNull();
    expect(judge(`d=1; SameSite=Strict; SameSite=${'x'.repeat(1025)}`).cookie?.sameSite).toBe('Strict');
  });

  test('a Path not starting with "/" gives the default path', () => {
    const v = judge('d=1; Path=cart');
    expect(v.cookie?.path).toBe('/a');
    expect(codes(v)).toEqual(['path-not-absolute']);
  });

  test('Max-Age=+3600: persistent in Chromium, ignored by Firefox', () => {
    expect(judge('d=1; Max-Age=+3600').cookie?.expiry).toMatchObject({
      kind: 'persistent',
      at: NOW + 3_600_000,
    });
    const ff = judge('d=1; Max-Age=+3600', undefined, FIREFOX);
    expect(ff.cookie?.expiry).toEqual({ kind: 'session' });
    expect(codes(ff)).toEqual(['max-age-invalid']);
  });

  test('Expires is read per browser, never by the machine time zone', () => {
    expect(judge('d=1; Expires=Wed, 15 Sep 2027 10:00:00 +0500').cookie?.expiry).toMatchObject({
      at: Date.UTC(2027, 8, 15, 10),
    });
    expect(
      judge('d=1; Expires=Wed, 15 Sep 2027 10:00:00 +0500', undefined, FIREFOX).cookie?.expiry,
    ).toMatchObject({ at: Date.UTC(2027, 8, 15, 5) });
    expect(judge('d=1; Expires=2027-09-15T10:00:00Z').cookie?.expiry).toEqual({ kind: 'session' });
  });

  test('server clock skew: Expires counts from the response Date header', () => {
    const serverDate = new Date(NOW - 3_600_000).toUTCString();
    const expires = new Date(NOW + 3_600_000).toUTCString();
    const v = judge(`d=1; Expires=${expires}`, undefined, CHROMIUM, { serverDate });
    expect(v.cookie?.expiry).toMatchObject({ kind: 'persistent', at: NOW + 7_200_000 });
    expect(codes(v)).toEqual(['server-clock']);
  });

  test('control characters: TAB refused by Chromium only; NUL or 0x01 anywhere refused by both', () => {
    expect(judge('c=a\tb').reason?.code).toBe('control-char');
    expect(judge('c=a\tb', undefined, FIREFOX).outcome).toBe('stored');
    for (const p of [CHROMIUM, FIREFOX]) {
      expect(judge('c=a\u0000b', undefined, p).reason?.code).toBe('control-char');
      expect(judge('c=1; Path=/\u0001', undefined, p).reason?.code).toBe('control-char');
    }
  });

  test('public-suffix Domain is rejected; on localhost/127.0.0.1, Domain=host is host-only', () => {
    expect(judge('d=1; Domain=com').reason?.code).toBe('domain-public-suffix');
    expect(judge('d=1; Domain=github.io', 'https://user.github.io/').reason?.code).toBe(
      'domain-public-suffix',
    );
    const local = judge('d=1; Domain=localhost', 'http://localhost:3000/');
    expect(local.cookie).toMatchObject({ domain: 'localhost', hostOnly: true });
    expect(codes(local)).toEqual(['domain-equals-host']);
    expect(judge('d=1; Domain=127.0.0.1', 'http://127.0.0.1:3000/').cookie?.hostOnly).toBe(true);
    expect(judge('d=1; Domain=0.0.1', 'http://127.0.0.1:3000/').reason?.code).toBe('domain-mismatch');
  });

  test('a nameless cookie whose value looks prefixed is rejected; Firefox drops "=value" outright', () => {
    expect(judge('=__Host-x; Secure; Path=/').reason?.code).toBe('nameless-prefix');
    expect(judge('=abc').outcome).toBe('stored');
    expect(judge('=abc', undefined, FIREFOX).reason?.code).toBe('empty-name');
    expect(judge('abc', undefined, FIREFOX).cookie).toMatchObject({ name: 'abc', value: '' });
  });

  test('invalid Priority is shown normalised (Chromium), absent in Firefox', () => {
    const v = judge('d=1; Priority=urgent');
    expect(v.cookie?.priority).toBe('Medium');
    expect(codes(v)).toEqual(['priority-invalid']);
    expect(judge('d=1; Priority=HIGH').cookie?.priority).toBe('High');
    expect(judge('d=1; Priority=HIGH', undefined, FIREFOX).cookie?.priority).toBeNull();
  });

  test('cross-site frame: Chromium blocks unpartitioned cookies, Firefox partitions them; Lax/Strict refused by both', () => {
    const frame = { topUrl: 'https://news.example.net/' };
    expect(judge('t=1; SameSite=None; Secure', undefined, CHROMIUM, frame).reason?.code).toBe(
      'third-party-blocked',
    );
    expect(
      judge('t=1; SameSite=None; Secure; Partitioned', undefined, CHROMIUM, frame).cookie?.partitionKey,
    ).toBe('https://example.net');
    expect(judge('t=1; Path=/', undefined, CHROMIUM, frame).reason?.code).toBe('cross-site-samesite');
    const ff = judge('t=1; Path=/', undefined, FIREFOX, frame);
    expect(ff.outcome).toBe('stored');
    expect(ff.cookie?.partitionKey).toBe('https://example.net');
    expect(judge('t=1; SameSite=Lax; Secure', undefined, FIREFOX, frame).reason?.code).toBe(
      'cross-site-samesite',
    );
  });

  test('prefixes: __Secure-, __Host- and the HttpOnly ones', () => {
    expect(judge('__Secure-a=1').reason?.code).toBe('prefix-secure');
    expect(judge('__Host-a=1; Secure; Path=/; Domain=example.com').reason?.code).toBe('prefix-host');
    expect(judge('__Host-a=1; Secure; Path=/').outcome).toBe('stored');
    expect(judge('__Http-a=1; Secure').reason?.code).toBe('prefix-http');
    expect(judge('__Host-Http-a=1; Secure; HttpOnly; Path=/').outcome).toBe('stored');
  });
});

describe('a history through one cookie store', () => {
  const at = (i: number) => NOW + i * 1000;

  test('a Secure cookie cannot be overwritten or deleted from plain http (§5.7 step 16)', () => {
    const { verdicts, jar } = judgeHistory(
      [
        { url: 'https://app.example.com/', receivedAt: at(0), setCookies: ['sid=1; Secure; Path=/'] },
        {
          url: 'http://app.example.com/',
          receivedAt: at(1),
          setCookies: ['sid=2; Path=/', 'sid=; Path=/; Max-Age=0'],
        },
      ],
      CHROMIUM,
    );
    expect(verdicts[1]!.map((v) => v.reason?.code)).toEqual(['secure-overwrite', 'secure-overwrite']);
    expect(jar.all().map((c) => `${c.name}=${c.value}`)).toEqual(['sid=1']);
  });

  test('the per-domain cap: past 180 cookies the oldest go until 150 remain', () => {
    const lines = Array.from({ length: 181 }, (_, i) => `c${String(i).padStart(3, '0')}=v`);
    const { jar, evictions } = judgeHistory(
      [{ url: 'https://app.example.com/', receivedAt: at(0), setCookies: lines }],
      CHROMIUM,
    );
    expect(jar.all()).toHaveLength(150);
    expect(evictions.map((e) => e.cookie.name)).toEqual(lines.slice(0, 31).map((l) => l.split('=')[0]));
  });

  test('a response header block over 256 KiB fails in Chromium: nothing stored', () => {
    const big = Array.from({ length: 70 }, (_, i) => `hb${i}=${'a'.repeat(4000)}`);
    const chromium = judgeHistory(
      [{ url: 'https://app.example.com/', receivedAt: at(0), setCookies: big }],
      CHROMIUM,
    );
    expect(new Set(chromium.verdicts[0]!.map((v) => v.reason?.code))).toEqual(
      new Set(['header-block-too-big']),
    );
    expect(
      judgeHistory(
        [{ url: 'https://app.example.com/', receivedAt: at(0), setCookies: big }],
        FIREFOX,
      ).jar.all(),
    ).toHaveLength(70);
  });

  test('the Cookie header a request carries: longer paths first, then older', () => {
    const { jar } = judgeHistory(
      [
        {
          url: 'https://app.example.com/a/b',
          receivedAt: at(0),
          setCookies: ['x=root; Path=/', 'y=deep; Path=/a', 'z=secure; Secure; Path=/'],
        },
      ],
      CHROMIUM,
    );
    expect(jar.cookiesFor('https://app.example.com/a/c', null, at(1)).map((c) => c.name)).toEqual([
      'y',
      'x',
      'z',
    ]);
    expect(jar.cookiesFor('http://app.example.com/a/c', null, at(1)).map((c) => c.name)).toEqual(['y', 'x']);
    expect(jar.cookiesFor('https://app.example.com/other', null, at(1)).map((c) => c.name)).toEqual([
      'x',
      'z',
    ]);
  });
});

describe('observed truth: what the next matching request carried', () => {
  const request = (url: string, i: number, cookieHeader: string | null, setCookies: string[] = []) => ({
    url,
    receivedAt: NOW + i * 1000,
    startedAt: NOW + i * 1000 - 10,
    cookieHeader,
    setCookies,
  });
  const observe = (requests: ReturnType<typeof request>[], profile = CHROMIUM) => {
    const { verdicts } = judgeHistory(requests, profile);
    return { verdicts, facts: observeHistory(requests as ObservedRequest[], verdicts, profile) };
  };

  test('a predicted keep that the next request contradicts is a drop, said in the issue’s words', () => {
    // The engine predicts a keep; the browser (say, a setting) dropped it anyway.
    const { facts } = observe([
      request('https://app.example.com/login', 0, null, ['sid=abc; Path=/']),
      request('https://app.example.com/cart', 1, null),
    ]);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      name: 'sid',
      predicted: 'stored',
      observed: 'not-kept',
      agrees: false,
      by: { index: 1, sent: [] },
    });
    expect(facts[0]!.message).toBe('Chromium did not keep `sid`: the next request to /cart sent none.');
    expect(observedDrops(facts)).toHaveLength(1);
  });

  test('a rejected cookie the next request still lacks agrees; one it carries is shown as kept', () => {
    const refused = observe([
      request('http://app.example.com/', 0, 'sid=old', ['sid=new; SameSite=None']),
      request('http://app.example.com/next', 1, 'sid=old'),
    ]).facts[0]!;
    expect(refused).toMatchObject({ predicted: 'rejected', observed: 'not-kept', agrees: true });
    expect(refused.message).toBe(
      'Chromium did not keep `sid`: the next request to /next still sent the old value.',
    );
    const kept = observe([
      request('http://app.example.com/', 0, null, ['sid=new; SameSite=None']),
      request('http://app.example.com/n', 1, 'sid=new'),
    ]).facts[0]!;
    expect(kept).toMatchObject({ observed: 'kept', agrees: false });
    expect(settledOutcome({ outcome: 'rejected' }, kept)).toBe('stored');
    expect(settledOutcome({ outcome: 'stored' }, refused)).toBe('rejected');
  });

  test('a deletion the next request contradicts is "not deleted"', () => {
    const fact = observe([
      request('https://app.example.com/', 0, 'sid=old', ['sid=; Max-Age=0']),
      request('https://app.example.com/x', 1, 'sid=old'),
    ]).facts[0]!;
    expect(fact).toMatchObject({ predicted: 'deleted', observed: 'not-deleted', agrees: false });
  });

  test('no fact from a request that started before the response, one outside the cookie, or after the name is set again', () => {
    const early = { ...request('https://app.example.com/x', 1, null), startedAt: NOW - 500 };
    expect(observe([request('https://app.example.com/', 0, null, ['a=1; Path=/']), early]).facts).toEqual([]);
    expect(
      observe([
        request('https://app.example.com/a/', 0, null, ['a=1; Path=/a']),
        request('https://app.example.com/b', 1, null),
      ]).facts,
    ).toEqual([]);
    expect(
      observe([
        request('https://app.example.com/', 0, null, ['a=1']),
        request('https://other.example.com/', 1, null, ['a=2']),
        request('https://app.example.com/x', 2, 'a=1'),
      ]).facts.map((f) => f.index),
    ).toEqual([0]);
  });
});
