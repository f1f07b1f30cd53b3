import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Golden cases for the cookie engine: every verdict, eviction, stored cookie, Cookie header
 * match and observed fact the engine gives on the browser oracle corpus and on a few thousand
 * seeded random Set-Cookie headers. fixtures/cookies/golden.json holds what the engine gave
 * when it was recorded (scripts/cookie-golden/record.ts), one digest per item (an oracle
 * observation, a random history, a header); golden.test.ts checks the engine still gives
 * exactly that, so work on its speed cannot change a verdict unnoticed. Full outputs would
 * be 12 MB; the digests are about 100 kB, and a failing item is printed in full by the test.
 *
 * The inputs come from a seeded generator written here (not from a property-testing library)
 * so that they are the same on every machine and every library version: the fixture records
 * outputs only. The engine is passed in, so the recorder can run these cases on another copy
 * of it (an older commit) to record or compare.
 */

type Fn = (...args: never[]) => unknown;
export interface GoldenEngine {
  judgeHistory: Fn;
  observeHistory: Fn;
  replayObservation: Fn;
  parseRequestUrl: Fn;
  isPublicSuffix: Fn;
  registrableDomain: Fn;
  parseSetCookies: Fn;
  checkCookie: Fn;
  CHROMIUM: unknown;
  FIREFOX: unknown;
}

/** The engine's modules under `dir` (the working tree's, or an older copy's). */
export async function loadEngine(dir: string): Promise<GoldenEngine> {
  const [history, profiles, replay, observe, site, setCookie, rules] = await Promise.all(
    ['history', 'profiles', 'oracle-replay', 'observe', 'site', 'set-cookie', 'rules'].map(
      (m) => import(`${dir}/${m}.js`) as Promise<Record<string, unknown>>,
    ),
  );
  return {
    ...history,
    ...profiles,
    ...replay,
    ...observe,
    ...site,
    ...setCookie,
    ...rules,
  } as unknown as GoldenEngine;
}

/**
 * A digest of `value` as canonical JSON (keys sorted, so building an object in another order
 * is not a change; undefined members dropped as JSON does). 16 hex digits: a fixture of a few
 * thousand items stays small, and any change to any field of an item shows.
 */
export function digest(value: unknown): string {
  return createHash('sha1').update(canonical(value)).digest('hex').slice(0, 16);
}

function canonical(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonical(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** mulberry32: a small seeded generator, the same sequence everywhere. */
function generator(seed: number) {
  let s = seed;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  return { rnd, pick };
}

// The alphabet and values aim at what the engine works hardest on: separators, control
// characters, non-ASCII (UTF-8 byte limits), case-insensitive and Unicode-folding prefixes,
// duplicate attributes, date formats, public suffixes, oversize values, odd URLs.
const CHARS = [
  'a', 'b', 'Z', '0', '9', ' ', ' ', '\t', ';', '=', '=', '.', '-', '_', '%', '"', ',',
  '\x01', '\x00', '\x7f', '\n', 'é', '😀', '\u00a0', '/', ':', '+',
]; // prettier-ignore
const NAMES = [
  '\u212Aey', '__HOST-x', '__\u0130ost-x', '_\u212A', 'a'.repeat(20), '__Host-Http-x', '', 'sid', 'SID',
  '__Host-x', '__host-x', '__Secure-y', '__Http-z', '__Host-Http-w', '', 'a b', 'é', 'theme',
]; // prettier-ignore
const ATTRS = [
  'Expires', 'expires', 'EXPIRES', 'Max-Age', 'max-age', 'Domain', 'domain', 'Path', 'path', 'Secure',
  'secure', 'HttpOnly', 'SameSite', 'samesite', 'Partitioned', 'Priority', 'priority', 'Foo', '',
]; // prettier-ignore
const DATES = [
  'Wed, 15 Sep 2027 10:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', '15 Sep 2027 10:00:00 +0500',
  '2027-09-15T10:00:00Z', 'Sep 15 2027', '9/15/27 10:00 pm', '2027/11/06', 'Wed, 31 Sep 2027 10:00:00 PST',
  'Fri, 29 Feb 2027 25:61:00', '1-Jan-99 1:2:3', 'Sat, 01 Jan 10000 00:00:00 GMT',
  'Mon, 01 Jan 1500 00:00:00 GMT', 'junk', '', '12:00:00 1 jan 2030 utc', 'Tue, 1 Dec 2026 08:00:00 EST',
]; // prettier-ignore
const VALUES: Record<string, readonly string[]> = {
  Expires: DATES,
  'Max-Age': ['3600', '+3600', '-1', '0', '1e3', ' 60', '99999999999999', 'abc', '', '00012'],
  Domain: [
    'example.com', '.example.com', 'com', 'github.io', 'app.example.com', 'EXAMPLE.com', '', '.',
    'example.com.', 'other.org', 'localhost', '127.0.0.1', 'co.uk', 'example.co.uk', 'x'.repeat(1030),
  ], // prettier-ignore
  Path: [
    '/' + 'é'.repeat(400), '/' + 'é'.repeat(600), '/' + '😀'.repeat(300), '/x' + 'y'.repeat(1023),
    '/x' + 'y'.repeat(1022), '/', '/app', '/app/', 'app', '', '/a b', '/%2e', '/'.padEnd(1030, 'p'),
  ], // prettier-ignore
  SameSite: [
    'é'.repeat(400),
    'é'.repeat(600),
    '😀'.repeat(300),
    'Lax',
    'strict',
    'NONE',
    'bogus',
    '',
    'x'.repeat(1030),
  ],
  Priority: ['Low', 'high', 'medium', 'urgent', ''],
};
const URLS = [
  'https://app.example.com/page/1', 'http://app.example.com/a/b/c', 'https://example.com/',
  'http://localhost:3000/x', 'http://127.0.0.1:5000/api/v1', 'https://[::1]/', 'http://sub.localhost/p',
  'https://user.github.io/repo/page', 'https://APP.Example.COM/Upper/Case?q=1#f', 'https://example.co.uk/a/../b',
  'https://example.com/%7Efoo/bar', 'https://example.com/a/./b/', 'https://example.com',
  'http://example.com:8080/p?x=/y', 'https://xn--bcher-kva.example/p', 'https://bücher.example/p',
  'http://0x7f.1/', 'http://example.com/a\\b', 'https://example.com/a%2fb/c', 'ftp://example.com/',
  'not a url', 'https://exa mple.com/', 'https://example.com/ä/ö', 'https://example.com/a b/c',
  'https://a..b.com/x', 'https://-x-.example.com/y', 'http://example.com:99999/', 'https://EXAMPLE.com./p/q',
]; // prettier-ignore

function randomLines(seed: number) {
  const { rnd, pick } = generator(seed);
  const str = (n: number): string =>
    Array.from({ length: Math.floor(rnd() * n) }, () => pick(CHARS)).join('');
  const line = (): string => {
    if (rnd() < 0.05) return str(40);
    const name = rnd() < 0.2 ? str(6) : pick(NAMES);
    const value =
      rnd() < 0.05
        ? pick(['__Secure-x', '__HOST-y', '__host-http-z', '_x', '\u212Ax'])
        : rnd() < 0.1
          ? 'v'.repeat(4000 + Math.floor(rnd() * 200))
          : rnd() < 0.3
            ? str(10)
            : 'val' + Math.floor(rnd() * 100);
    let s = rnd() < 0.05 ? value : `${name}${pick(['=', '=', ' = ', '=='])}${value}`;
    const n = Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) {
      const a = pick(ATTRS);
      const canon = Object.keys(VALUES).find((k) => k.toLowerCase() === a.toLowerCase());
      const v = canon ? pick(VALUES[canon]!) : rnd() < 0.5 ? str(8) : '';
      s += pick(['; ', ';', ' ; ', ';\t']) + (rnd() < 0.8 && (canon || rnd() < 0.3) ? `${a}=${v}` : a);
    }
    return s;
  };
  return { rnd, pick, str, line };
}

export const GOLDEN_FIXTURE = new URL('../fixtures/cookies/golden.json', import.meta.url);

export interface GoldenFile {
  recordedFrom: string;
  /** Case label → digest of each of its items. */
  cases: Record<string, string[]>;
}

export function readGolden(): GoldenFile {
  return JSON.parse(readFileSync(GOLDEN_FIXTURE, 'utf8')) as GoldenFile;
}

/** Every golden case, label → the engine's output for each of its items. */
export function goldenCases(engine: GoldenEngine): Record<string, unknown[]> {
  const e = engine as unknown as Record<string, (...args: unknown[]) => any>;
  const profiles = [engine.CHROMIUM, engine.FIREFOX] as { name: string }[];
  const cases: Record<string, unknown[]> = {};

  // The browser oracle corpus, replayed under both browsers' rules.
  for (const browser of ['chromium', 'firefox']) {
    const file = new URL(`../fixtures/cookies/oracle-${browser}.json`, import.meta.url);
    const observations = (JSON.parse(readFileSync(file, 'utf8')) as { observations: unknown[] }).observations;
    for (const p of profiles) {
      cases[`oracle ${browser} as ${p.name}`] = observations.map((o) => e.replayObservation!(o, p));
    }
  }

  // Seeded random histories: verdicts, evictions, the store, what it would send, observed truth.
  for (const p of profiles) {
    const { rnd, pick, str, line } = randomLines(p.name === 'chromium' ? 1 : 2);
    const histories: unknown[] = [];
    for (let h = 0; h < 40; h++) {
      const responses = Array.from({ length: 30 }, (_, i) => ({
        url: pick(URLS),
        topUrl: rnd() < 0.15 ? pick(URLS) : null,
        receivedAt: 1_790_000_000_000 + i * 1000 + Math.floor(rnd() * 500),
        serverDate: rnd() < 0.2 ? pick(DATES) : null,
        setCookies: Array.from({ length: Math.floor(rnd() * 5) }, line),
        headerBytes: rnd() < 0.05 ? Math.floor(rnd() * 400_000) : undefined,
      }));
      const r = e.judgeHistory!(responses, p);
      const requests = responses.map((x, i) => ({
        url: pick(URLS),
        topUrl: null,
        startedAt: x.receivedAt + 10,
        receivedAt: x.receivedAt + 50,
        cookieHeader: rnd() < 0.8 ? `sid=val${i}; theme=val3; ${str(8)}` : null,
      }));
      histories.push({
        verdicts: r.verdicts,
        evictions: r.evictions,
        jar: r.jar.all(),
        sends: r.jar.cookiesFor(pick(URLS), null, 1_790_000_020_000),
        observed: e.observeHistory!(requests, r.verdicts, p),
      });
    }
    cases[`random histories as ${p.name}`] = histories;
    // The per-domain cap: many cookies for one domain, some Secure (evicted last).
    const many = Array.from({ length: 10 }, (_, i) => ({
      url: 'https://a.example.com/',
      receivedAt: 1_790_000_000_000 + i,
      setCookies: Array.from(
        { length: 25 },
        (_, k) => `c${i}_${k}=1; Domain=example.com${k % 3 ? '; Secure' : ''}`,
      ),
    }));
    const m = e.judgeHistory!(many, p);
    cases[`eviction as ${p.name}`] = [m.verdicts, m.evictions, m.jar.all()];
    // An insecure origin overwriting Secure cookies.
    const secure = [
      { url: 'https://a.example.com/', receivedAt: 1, setCookies: ['s=1; Secure; Path=/', 't=1; Secure; Domain=example.com; Path=/x'] },
      { url: 'http://a.example.com/x/y', receivedAt: 2, setCookies: ['s=2', 's=3; Path=/x', 't=2; Path=/x', 't=3; Path=/', 'u=1'] },
    ]; // prettier-ignore
    cases[`secure overwrite as ${p.name}`] = e.judgeHistory!(secure, p).verdicts;
    // Headers parsed on their own (no store) and the rules the Cookies view shows.
    const lines = Array.from({ length: 200 }, line);
    cases[`parsed alone as ${p.name}`] = e.parseSetCookies!(lines, 1_790_000_000_000, { profile: p }).map(
      (c: { name: string }) => [
        c,
        e.checkCookie!({ cookie: c, isSessionCookie: c.name === 'sid', requestUrl: 'https://localhost/' }),
      ],
    );
  }
  cases['request urls'] = URLS.map((u) => [u, e.parseRequestUrl!(u)]);
  const domains = [
    'com',
    'github.io',
    'example.com',
    'co.uk',
    'localhost',
    'internal',
    '127.0.0.1',
    'a.b.example.co.uk',
    '',
    'COM',
  ];
  cases['public suffixes'] = domains.map((d) => [d, e.isPublicSuffix!(d), e.registrableDomain!(d)]);
  return cases;
}
