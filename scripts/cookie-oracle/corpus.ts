/**
 * The oracle's corpus: Set-Cookie variants from RFC 6265bis, WPT's cookie tests
 * (cookies/attributes/*.html, the IETF http-state date examples they port) and the
 * categories of issue #10. Each case runs in the contexts it names; each step is one
 * response. `{{date:N}}` in a header becomes the HTTP date N seconds after the response's
 * own Date header (which a step may skew), so expiries are checkable to the second.
 */

export type ContextId =
  | 'http-localhost'
  | 'https-localhost'
  | 'http-ip'
  | 'https-ip'
  | 'http-public'
  | 'https-public'
  | 'frame-public';

export type Category =
  | 'basic'
  | 'duplicate-attributes'
  | 'domain'
  | 'localhost-domain'
  | 'public-suffix'
  | 'path'
  | 'max-age'
  | 'expires-date'
  | 'clock-skew'
  | 'control-chars'
  | 'size'
  | 'attribute-length'
  | 'count-cap'
  | 'header-block'
  | 'nameless'
  | 'prefix'
  | 'secure'
  | 'secure-overwrite'
  | 'samesite'
  | 'third-party'
  | 'priority'
  | 'partitioned'
  | 'httponly'
  | 'wpt-invalid'
  | 'holdout';

export interface Step {
  /** Raw Set-Cookie header values of this response, in order. */
  setCookie: string[];
  /** Overrides the context's scheme (a case that crosses http and https on one host). */
  scheme?: 'http' | 'https';
  /** A host under a private public suffix instead of the context's host (public contexts). */
  host?: 'psl';
  /** Seconds the response's Date header is ahead of (or behind) the real clock; null: no Date header. */
  dateOffsetSec?: number | null;
  /** Bytes of padding in one extra response header (header-block limits). */
  padHeaderBytes?: number;
}

export interface OracleCase {
  id: string;
  category: Category;
  /** Where the case comes from: an RFC section, a WPT file, or the issue. */
  source: string;
  steps: Step[];
  contexts: readonly ContextId[];
  /** Where the follow-up request is made: top level (default) or in a cross-site iframe. */
  echoIn?: 'top' | 'frame';
}

const TOP: readonly ContextId[] = [
  'http-localhost',
  'https-localhost',
  'http-ip',
  'https-ip',
  'http-public',
  'https-public',
];
const ALL: readonly ContextId[] = [...TOP, 'frame-public'];
const TWO: readonly ContextId[] = ['http-localhost', 'https-public'];
const PUBLIC: readonly ContextId[] = ['http-public', 'https-public'];
const HTTP_HOSTS: readonly ContextId[] = ['http-localhost', 'http-ip', 'http-public'];

const RFC = 'RFC 6265bis';
const WPT = 'WPT cookies';
const ISSUE = 'issue #10';

const cases: OracleCase[] = [];
function add(
  category: Category,
  source: string,
  contexts: readonly ContextId[],
  items: (string | string[] | Step[])[],
): void {
  items.forEach((item, i) => {
    const steps: Step[] =
      typeof item === 'string'
        ? [{ setCookie: [item] }]
        : typeof item[0] === 'string'
          ? [{ setCookie: item as string[] }]
          : (item as Step[]);
    cases.push({
      id: `${category}/${String(cases.filter((c) => c.category === category).length + 1).padStart(3, '0')}`,
      category,
      source,
      steps,
      contexts,
    });
    void i;
  });
}

add('basic', `${RFC} §5.6`, ALL, [
  'sid=abc',
  'sid=abc; Path=/',
  'sid=abc; Max-Age=3600; Path=/',
  'sid="quoted value"',
  'sid=a b c',
  '  sid  =  spaced  ',
  'sid=',
  'sid=abc=def==',
  'sid=%20%3B',
  'sid=caf\u00e9',
  'caf\u00e9=1',
  'sid=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=600',
  ['a=1', 'b=2', 'c=3'],
  ['same=1', 'same=2'],
  ['same=1; Path=/', 'same=2; Path=/oracle'],
]);

add('duplicate-attributes', `${ISSUE} (Chromium keeps the last)`, TOP, [
  'd=1; Path=/nowhere; Path=/',
  'd=1; Path=/; Path=/nowhere',
  'd=1; Max-Age=10; Max-Age=3600',
  'd=1; Max-Age=3600; Max-Age=0',
  'd=1; Max-Age=0; Max-Age=3600',
  'd=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires={{date:7200}}',
  'd=1; Expires={{date:7200}}; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  'd=1; SameSite=Strict; SameSite=Lax',
  'd=1; SameSite=Lax; SameSite=Bogus',
  'd=1; Priority=High; Priority=Low',
  'd=1; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  'd=1; Expires={{date:7200}}; Max-Age=-1',
  'd=1; Expires={{date:7200}}; Max-Age=60',
  'd=1; HttpOnly; HttpOnly',
]);
add('duplicate-attributes', `${ISSUE} (Chromium keeps the last)`, PUBLIC, [
  'd=1; Domain=other.com; Domain=example.com',
  'd=1; Domain=example.com; Domain=other.com',
  'd=1; Domain=example.com; Domain=',
  'd=1; Domain=; Domain=example.com',
]);

add('domain', `${RFC} §5.6.3, §5.7`, PUBLIC, [
  'dm=1; Domain=example.com',
  'dm=1; Domain=.example.com',
  'dm=1; Domain=app.example.com',
  'dm=1; Domain=APP.Example.COM',
  'dm=1; Domain=example.com.',
  'dm=1; Domain=other.com',
  'dm=1; Domain=xample.com',
  'dm=1; Domain=sub.app.example.com',
  'dm=1; Domain=',
  'dm=1; Domain',
  'dm=1; Domain=.',
  'dm=1; Domain=..example.com',
  'dm=1; Domain="example.com"',
  'dm=1; Domain= example.com ',
  'dm=1; Domain=example.com:443',
  'dm=1; Domain=*.example.com',
]);
add('domain', `${RFC} §5.6.3`, ['http-localhost', 'http-ip'], ['dm=1; Domain=', 'dm=1; Domain=example.com']);

add(
  'localhost-domain',
  `${ISSUE}; ${RFC} §5.7 step 5 (public suffix equal to the host)`,
  ['http-localhost', 'https-localhost'],
  [
    'lh=1; Domain=localhost',
    'lh=1; Domain=.localhost',
    'lh=1; Domain=LOCALHOST',
    'lh=1; Domain=localhost; Path=/',
    'lh=1; Domain=host',
  ],
);
add(
  'localhost-domain',
  `${ISSUE}; ${RFC} §5.7`,
  ['http-ip', 'https-ip'],
  [
    'ip=1; Domain=127.0.0.1',
    'ip=1; Domain=.127.0.0.1',
    'ip=1; Domain=0.0.1',
    'ip=1; Domain=1',
    'ip=1; Domain=127.0.0.2',
  ],
);

add('public-suffix', `${ISSUE}; ${RFC} §5.7 step 5 (public suffixes)`, PUBLIC, [
  'ps=1; Domain=com',
  'ps=1; Domain=.com',
  'ps=1; Domain=COM',
  'ps=1; Domain=example.com',
]);
add(
  'public-suffix',
  `${ISSUE}; ${RFC} §5.7 step 5 (private suffix github.io)`,
  ['https-public'],
  [
    [{ host: 'psl', setCookie: ['ps=1; Domain=github.io'] }],
    [{ host: 'psl', setCookie: ['ps=1; Domain=.github.io'] }],
    [{ host: 'psl', setCookie: ['ps=1; Domain=io'] }],
    [{ host: 'psl', setCookie: ['ps=1; Domain=user.github.io'] }],
    [{ host: 'psl', setCookie: ['ps=1'] }],
  ],
);

add('path', `${RFC} §5.6.4 (Path), §5.1.4 (default-path)`, TOP, [
  'pa=1; Path=/',
  'pa=1; Path=/oracle',
  'pa=1; Path=/oracle/set',
  'pa=1; Path=/oracle/set/',
  'pa=1; Path=/other',
  'pa=1; Path=oracle',
  'pa=1; Path=',
  'pa=1; Path',
  'pa=1; Path=/oracle/se',
  'pa=1; Path=/ORACLE',
  'pa=1; Path=/%6Fracle',
  'pa=1; Path=/oracle/../',
  'pa=1; Path= /oracle ',
  'pa=1; Path="/"',
  'pa=1; Path=/oracle;',
  'pa=1; Path=\\oracle',
]);

add('max-age', `${RFC} §5.6.2; ${WPT}/attributes/max-age.html`, TOP, [
  'ma=1; Max-Age=3600',
  'ma=1; Max-Age=+3600',
  'ma=1; Max-Age=0',
  'ma=1; Max-Age=-1',
  'ma=1; Max-Age=-0',
  'ma=1; Max-Age=3600.5',
  'ma=1; Max-Age=1e3',
  'ma=1; Max-Age=0x10',
  'ma=1; Max-Age= 3600 ',
  'ma=1; Max-Age=3600abc',
  'ma=1; Max-Age=abc',
  'ma=1; Max-Age=99999999999',
  'ma=1; Max-Age=34560000',
  'ma=1; Max-Age=34560001',
  'ma=1; Max-Age=',
  'ma=1; Max-Age',
  'ma=1; Max-Age=00060',
  'ma=1; Max-Age=50,399',
  'ma=1; max-age=10000',
  'ma=1; Max-Age=-20',
  'ma=1; Max-Age=99999999999999999999999',
  'ma=1; Max-Age=-99999999999999999999999',
  'ma=1; Max-Age="3600"',
  'ma=1; Max-Age=++3600',
  'ma=1; Max-Age=2.63,',
  ['ma=1; Max-Age=60', 'ma=2; Max-Age=0'],
]);

const FUTURE_DATES = [
  'Wed, 15 Sep 2027 10:00:00 GMT',
  'Wednesday, 15-Sep-27 10:00:00 GMT',
  'Wed Sep 15 10:00:00 2027',
  'Wed, 15 Sep 2027 10:00:00',
  'Wed, 15 Sep 2027 10:00:00 +0500',
  'Wed, 15 Sep 2027 10:00:00 -0800',
  'Wed, 15 Sep 2027 10:00:00 GMT+0500',
  'Wed, 15 Sep 2027 10:00:00 UTC',
  'Wed, 15 Sep 2027 10:00:00 PST',
  'Wed, 15 Sep 2027 10:00:00 EST',
  'Wed, 15 Sep 2027 10:00:00 CEST',
  '2027-09-15T10:00:00Z',
  '2027-09-15T10:00:00+05:00',
  '2027-09-15T10:00:00',
  '2027-09-15 10:00:00',
  '2027-09-15',
  '15 Sep 2027',
  '15 Sep 2027 10:00:00',
  'Sep 15 2027 10:00',
  '1820000000',
  'Wed, 15 Sep 2027 25:00:00 GMT',
  'Wed, 15 Sep 2027 10:60:00 GMT',
  'Wed, 15 Sep 2027 10:00:60 GMT',
  'Wed, 31 Sep 2027 10:00:00 GMT',
  'Mon, 29 Feb 2027 10:00:00 GMT',
  'Wed, 32 Sep 2027 10:00:00 GMT',
  'Wed, 00 Sep 2027 10:00:00 GMT',
  'Wed, 15 Sep 1600 10:00:00 GMT',
  'Wed, 15 Sep 1601 10:00:00 GMT',
  'Wed, 15 Sep 69 10:00:00 GMT',
  'Wed, 15 Sep 70 10:00:00 GMT',
  'Wed, 15 Sep 27 10:00:00 GMT',
  'Wed, 15 Sep 027 10:00:00 GMT',
  '15-Sep-2027 10:00:00 GMT',
  'wed, 15 sep 2027 10:00:00 gmt',
  'WED, 15 SEP 2027 10:00:00 GMT',
  'Wed, 15 September 2027 10:00:00 GMT',
  'Wed, 15 Sept 2027 10:00:00 GMT',
  'Wed,15-Sep-2027 10:00:00 GMT',
  'Wed, 15 Sep 2027 10:00 GMT',
  'Wed, 15 Sep 2027 1:2:3 GMT',
  'Wed, 15 Sep 2027 10:00:00.123 GMT',
  'Wed, 15 Sep 2027 10:00:00.9 GMT',
  'Wed, 15 Sep 10000 10:00:00 GMT',
  'Wed, 15 Sep 9999 10:00:00 GMT',
  'Fri, 01 Jan 2038 00:00:00 GMT',
  'Wed, 15 Sep 2027 10:00:00 GMT; ',
  '"Wed, 15 Sep 2027 10:00:00 GMT"',
  'Wed, 15 Sep 2027 10:00:00 GMT (comment)',
  'Wed, 15/Sep\\2027 10:00:00 GMT',
  '2027 Sep 15 10:00:00',
  'Sep 2027 15 10:00:00',
  '15 2027 Sep 10:00:00',
  'Wed, 15 Sep 2027 10:00:00 Z',
  'Wed, 15 Sep 2027 22:00:00 -1200',
  'Wed, 15 Sep 2027 02:00:00 +1400',
  'Wed, 15 Sep 2027 10:00:00 +05:30',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Thu, 01 Jan 1970 00:00:01 GMT',
  '',
  'now',
  '0',
  '-1',
];
/** The IETF http-state date examples that WPT and tough-cookie run (cookies/http-state, dates/*.json). */
const IETF_DATES = [
  'Mon, 10-Dec-2007 17:02:24 GMT',
  'Thursday, 01-Jan-1970 00:00:00 GMT',
  'Mon Dec 10 16:32:30 2007 GMT',
  'Wednesday, 01-Jan-10 00:00:00 GMT',
  'Wed Dec 12 2007 08:44:07 GMT-0500 (EST)',
  'Mon, 01-Jan-2011 00: 00:00 GMT',
  'Wednesday, 01-Jan-10 0:0:00 GMT',
  'Thu, 10 Dec 2009 13:57:2 GMT',
  'Thu, 19/Apr\\2007 16:00:00 GMT',
  ', 1-Jan-2003 00:00:00 GMT',
  'WillyWonka  , 18-Apr-07 22:50:12 GMT',
  'WillyWonka  ,  18-apr-07   22:50:12',
  'Mon, 18-Apr-77 22:50:13 GMT',
  'Partyday, 18- April-07 22:50:12',
  'Partyday, 18 - Apri-07 22:50:12',
  'Wednes, 1-Januar-2003 00:00:00 GMT',
  'Sat, 15-Apr-17 21:01:22 GMT-2',
  'Sat, 15-Apr-17 21:01:22 GMT BLAH',
  'Sat, 15-Apr-17 21:01:22 (hello there)',
  'Sat, 15-Apr-17 21:01:22 11:22:33',
  'Sat, 15-Apr-17 ::00 21:01:22',
  'Sat, 15-Apr-17 boink:z 21:01:22',
  'Sat, 15-Apr-17 91:22:33 21:01:22',
  '22:50:12 Thu Apr 18 2007 GMT',
  'Thu Apr 22:50:12 18 2007 GMT',
  'Thu Apr 18 2007 GMT 22:50:12',
  '15-Sat, Apr 21:01:22 GMT 17',
  '15 17 Apr 21:01:22',
  'Apr 15 21:01:22 17',
  '2017 April 15 21:01:22',
  '98 April 17 21:01:22',
  'Thu, 012-Aug-2008 20:49:07 GMT',
  'Thu, 12-Aug-31841 20:49:07 GMT',
  'Thu, 12-Aug-9999999999 20:49:07 GMT',
  'Thu, 999999999999-Aug-2007 20:49:07 GMT',
  'Thu, 12-Aug-2007 20:61:99999999999 GMT',
  'IAintNoDateFool',
];
/** The same examples moved into the next year: the exact instant is then checkable (a past date only says "parsed"). */
const IETF_FUTURE = [
  'Mon, 10-Dec-2027 17:02:24 GMT',
  'Mon Dec 10 16:32:30 2027 GMT',
  'Wed Dec 12 2027 08:44:07 GMT-0500 (EST)',
  'Mon, 01-Jan-2027 00: 00:00 GMT',
  'Thu, 10 Dec 2027 13:57:2 GMT',
  'Thu, 19/Apr\\2027 16:00:00 GMT',
  ', 1-Jan-2027 00:00:00 GMT',
  'WillyWonka  , 18-Apr-27 22:50:12 GMT',
  'WillyWonka  ,  18-apr-27   22:50:12',
  'Partyday, 18- April-27 22:50:12',
  'Partyday, 18 - Apri-27 22:50:12',
  'Wednes, 1-Januar-2027 00:00:00 GMT',
  'Sat, 15-Apr-27 21:01:22 GMT-2',
  'Sat, 15-Apr-27 21:01:22 GMT BLAH',
  'Sat, 15-Apr-27 21:01:22 (hello there)',
  'Sat, 15-Apr-27 21:01:22 11:22:33',
  'Sat, 15-Apr-27 ::00 21:01:22',
  'Sat, 15-Apr-27 boink:z 21:01:22',
  'Sat, 15-Apr-27 91:22:33 21:01:22',
  '22:50:12 Thu Apr 18 2027 GMT',
  'Thu Apr 22:50:12 18 2027 GMT',
  'Thu Apr 18 2027 GMT 22:50:12',
  '15-Sat, Apr 21:01:22 GMT 27',
  '15 27 Apr 21:01:22',
  'Apr 15 21:01:22 27',
  '2027 April 15 21:01:22',
];
add(
  'expires-date',
  `${RFC} §5.1.1; ${ISSUE} (ISO, numeric zones, zone-less)`,
  TWO,
  FUTURE_DATES.map((d) => `ex=1; Expires=${d}`),
);
add(
  'expires-date',
  `${WPT}/http-state (IETF dates/examples.json, bsd-examples.json)`,
  TWO,
  IETF_DATES.map((d) => `ex=1; Expires=${d}`),
);
add(
  'expires-date',
  `${WPT}/http-state dates, moved to 2027`,
  TWO,
  IETF_FUTURE.map((d) => `ex=1; Expires=${d}`),
);
add('expires-date', `${WPT}/attributes/expires.html`, TWO, [
  'test=1; Expires=Fri, 01 Jan 2038 00:00:00 GMT',
  'test=2; Expires=Fri 01 Jan 2038 00:00:00 GMT, baz=qux',
  ['test=expired; Expires=Fri, 07 Aug 2007 08:04:19 GMT', 'test=4; Expires=Fri, 07 Aug 2027 08:04:19 GMT'],
  'test=5; expires=Thu, 10 Apr 1980 16:33:12 GMT',
  'ex=1; Expires={{date:3600}}',
  'ex=1; Expires={{date:-3600}}',
  'ex=1; Expires={{date:1}}',
]);

add('clock-skew', `${ISSUE}; ${RFC} §5.6.1 (server clock: expiry relative to the Date header)`, TWO, [
  [{ dateOffsetSec: -3600, setCookie: ['cs=1; Expires={{date:7200}}'] }],
  [{ dateOffsetSec: 3600, setCookie: ['cs=1; Expires={{date:7200}}'] }],
  [{ dateOffsetSec: -86400, setCookie: ['cs=1; Expires={{date:3600}}'] }],
  [{ dateOffsetSec: 86400, setCookie: ['cs=1; Expires={{date:-3600}}'] }],
  [{ dateOffsetSec: -3600, setCookie: ['cs=1; Max-Age=600'] }],
  [{ dateOffsetSec: null, setCookie: ['cs=1; Expires={{date:7200}}'] }],
  [{ dateOffsetSec: 40 * 86400, setCookie: ['cs=1; Expires={{date:400}}'] }],
  [{ dateOffsetSec: -600, setCookie: ['cs=1; Expires={{date:500}}'] }],
]);

add(
  'control-chars',
  `${ISSUE}; ${RFC} §5.6 (CTLs other than HTAB), Chromium/Firefox cookie-char rules`,
  TOP,
  [
    'cc=a\tb',
    'c\tc=1',
    'cc=\tab',
    'cc=ab\t',
    'cc=a\u0001b',
    'c\u0001c=1',
    'cc=a\u007fb',
    'c\u007fc=1',
    'cc=a\u0000b',
    'c\u0000c=1',
    'cc=a\u001fb',
    'cc=1; Path=/\u0001',
    'cc=1; Path=/\u0000',
    'cc=1; Domain=\u0001',
    'cc=1\u0000; Path=/',
    'cc=1; Max-Age=3600\u0000',
  ],
);

const A = (n: number) => 'a'.repeat(n);
add('size', `${RFC} §5.6 (name + value ≤ 4096 octets)`, TWO, [
  `sz=${A(4093)}`,
  `sz=${A(4094)}`,
  `${A(4095)}=1`,
  `${A(4096)}=`,
  `${A(4097)}=`,
  `=${A(4096)}`,
  `=${A(4097)}`,
  `sz=${A(4090)}\u00e9`,
  [`sz=small`, `sz=${A(5000)}`],
]);
add('attribute-length', `${RFC} §5.6 (attribute values over 1024 octets are ignored); ${ISSUE}`, TOP, [
  `al=1; Path=/${A(1023)}`,
  `al=1; Path=/${A(1024)}`,
  `al=1; Path=/oracle; Path=/${A(1024)}`,
  `al=1; Max-Age=${'0'.repeat(1020)}3600`,
  `al=1; Max-Age=${'0'.repeat(1021)}3600`,
  `al=1; SameSite=Strict; SameSite=${A(1025)}`,
  `al=1; Priority=High; Priority=${A(1025)}`,
  `al=1; Expires=Wed, 15 Sep 2027 10:00:00 GMT ${' '.repeat(990)}`,
  `al=1; Expires=Wed, 15 Sep 2027 10:00:00 GMT ${'x'.repeat(1000)}`,
]);
add('attribute-length', `${RFC} §5.6; ${ISSUE}`, PUBLIC, [
  `al=1; Domain=${A(1013)}.example.com`,
  `al=1; Domain=example.com; Domain=${A(1013)}.example.com`,
]);

const many = (prefix: string, n: number, extra = '') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}=v${extra}`);
add(
  'count-cap',
  `${ISSUE}; per-domain cookie cap (Chromium 180 → purge to 150; Firefox network.cookie.maxPerHost)`,
  TWO,
  [
    many('n', 180),
    many('n', 181),
    many('n', 200),
    [{ setCookie: many('a', 120) }, { setCookie: many('b', 120) }],
    [{ setCookie: many('a', 170, '; Max-Age=3600') }, { setCookie: many('b', 20) }],
  ],
);

add('header-block', `${ISSUE}; response header block limits (Chromium 256 KiB)`, TWO, [
  Array.from({ length: 60 }, (_, i) => `hb${i}=${A(4000)}`),
  Array.from({ length: 70 }, (_, i) => `hb${i}=${A(4000)}`),
  [{ setCookie: ['hb=small'], padHeaderBytes: 300_000 }],
  [{ setCookie: ['hb=small'], padHeaderBytes: 200_000 }],
]);

add('nameless', `${RFC} §5.6 (nameless cookies), §5.7 (prefix in a nameless value); ${ISSUE}`, TOP, [
  '=abc',
  'abc',
  '=',
  '=; Path=/',
  '=__Host-x; Secure; Path=/',
  '=__Secure-x; Secure',
  '__Host-x',
  '__Secure-x; Secure',
  '=__host-x; Secure; Path=/',
  '=__SECURE-x; Secure',
  '=__Host-; Secure; Path=/',
  '=x__Host-y',
  ' =abc',
  ['=first', '=second'],
  ['abc', 'abc=1'],
]);

add('prefix', `${RFC} §4.1.3 (cookie name prefixes)`, TOP, [
  '__Secure-a=1; Secure',
  '__Secure-a=1',
  '__Secure-a=1; Secure; Path=/',
  '__Host-a=1; Secure; Path=/',
  '__Host-a=1; Secure',
  '__Host-a=1; Path=/',
  '__Host-a=1; Secure; Path=/oracle',
  '__host-a=1; Secure; Path=/',
  '__host-a=1; Path=/',
  '__SECURE-a=1',
  '__Secure-a=1; secure',
  '__Host-a=1; Secure; Path=/; Max-Age=60',
  '__Http-a=1; Secure; HttpOnly',
  '__Http-a=1; Secure',
  '__Host-Http-a=1; Secure; HttpOnly; Path=/',
  '__Host-Http-a=1; Secure; Path=/',
  '__Secure_a=1',
  '__Host-a=1; Secure; Path=/; Partitioned',
]);
add('prefix', `${RFC} §4.1.3`, PUBLIC, [
  '__Secure-a=1; Secure; Domain=example.com',
  '__Host-a=1; Secure; Path=/; Domain=app.example.com',
  '__Host-a=1; Secure; Path=/; Domain=example.com',
  '__Host-a=1; Secure; Path=/; Domain=',
]);

add(
  'secure',
  `${RFC} §5.6.5, §5.7 (Secure only from a secure origin; loopback is potentially trustworthy)`,
  TOP,
  [
    's=1; Secure',
    's=1; secure',
    's=1; Secure=false',
    's=1; Secure;',
    's=1; Secure qux',
    's=1; "Secure"',
    's=1; Secure; HttpOnly; Path=/',
  ],
);

const overwrite = (
  first: string,
  second: string,
  a: 'http' | 'https' = 'https',
  b: 'http' | 'https' = 'http',
): Step[] => [
  { scheme: a, setCookie: [first] },
  { scheme: b, setCookie: [second] },
];
add('secure-overwrite', `${ISSUE}; ${RFC} §5.7 step 16 (leave secure cookies alone)`, HTTP_HOSTS, [
  overwrite('so=1; Secure; Path=/', 'so=2; Path=/'),
  overwrite('so=1; Secure; Path=/', 'so=2; Path=/oracle'),
  overwrite('so=1; Secure; Path=/oracle/set', 'so=2; Path=/'),
  overwrite('so=1; Secure; Path=/', 'so=; Path=/; Max-Age=0'),
  overwrite('so=1; Secure; Path=/', 'so=2; Path=/other'),
  overwrite('so=1; Path=/', 'so=2; Secure; Path=/', 'http', 'https'),
  overwrite('so=1; Secure; Path=/', 'so=2; Secure; Path=/', 'https', 'http'),
  overwrite('so=1; Secure; Path=/', 'other=2; Path=/'),
]);
add(
  'secure-overwrite',
  `${ISSUE}; ${RFC} §5.7 step 16`,
  ['http-public'],
  [
    overwrite('so=1; Secure; Path=/; Domain=example.com', 'so=2; Path=/'),
    overwrite('so=1; Secure; Path=/', 'so=2; Path=/; Domain=example.com'),
  ],
);

add('samesite', `${RFC} §5.6.7 (SameSite), §5.7 (None requires Secure in Chromium)`, ALL, [
  'ss=1; SameSite=Lax',
  'ss=1; SameSite=Strict',
  'ss=1; SameSite=None',
  'ss=1; SameSite=None; Secure',
  'ss=1; SameSite=lax',
  'ss=1; SameSite=NONE; Secure',
  'ss=1; SameSite=Bogus',
  'ss=1; SameSite=',
  'ss=1; SameSite',
  'ss=1; SameSite=Strict; Secure',
  'ss=1; SameSite="Lax"',
]);

add(
  'third-party',
  `${ISSUE}; ${RFC} §5.7 (same-site-flag in a cross-site context), browser third-party defaults`,
  ['frame-public'],
  [
    'tp=1; SameSite=None; Secure; Path=/',
    'tp=1; SameSite=None; Secure; Partitioned; Path=/',
    'tp=1; Secure; Path=/',
    'tp=1; Path=/',
    'tp=1; SameSite=Lax; Secure; Path=/',
    'tp=1; SameSite=Strict; Secure; Path=/',
    'tp=1; Secure; Partitioned; Path=/',
    'tp=1; Partitioned; Path=/',
    'tp=1; SameSite=None; Secure; Domain=example.com; Path=/',
    'tp=1; SameSite=None; Secure; Max-Age=3600; Path=/',
  ],
);
/** Cookies set first-party, then a request from a cross-site iframe: which ones does it carry? */
for (const line of [
  'fp=1; Path=/',
  'fp=1; SameSite=Lax; Path=/',
  'fp=1; SameSite=Strict; Path=/',
  'fp=1; SameSite=None; Secure; Path=/',
  'fp=1; Secure; Path=/',
  'fp=1; SameSite=None; Secure; Partitioned; Path=/',
]) {
  cases.push({
    id: `third-party/${String(cases.filter((c) => c.category === 'third-party').length + 1).padStart(3, '0')}`,
    category: 'third-party',
    source: `${RFC} §5.8.3 (SameSite on cross-site requests)`,
    steps: [{ setCookie: [line] }],
    contexts: ['https-public'],
    echoIn: 'frame',
  });
}

add('priority', `${ISSUE}; Chromium's Priority attribute (Low/Medium/High, else Medium)`, TWO, [
  'pr=1; Priority=High',
  'pr=1; Priority=Low',
  'pr=1; Priority=Medium',
  'pr=1; Priority=high',
  'pr=1; Priority=Bogus',
  'pr=1; Priority=',
  'pr=1; Priority',
]);

add('partitioned', 'CHIPS (Partitioned requires Secure); draft-cutler-httpbis-partitioned-cookies', TOP, [
  'pt=1; Secure; Partitioned; Path=/',
  'pt=1; Partitioned; Path=/',
  'pt=1; Secure; Partitioned',
  'pt=1; Secure; partitioned; Path=/',
]);

add('httponly', `${RFC} §5.6.6`, TWO, [
  'h=1; HttpOnly',
  'h=1; httponly',
  'h=1; HttpOnly=false',
  'h=1; Http-Only',
  'h=1; HttpOnly; Path=/',
]);

add('wpt-invalid', `${WPT}/attributes/invalid.html`, TWO, [
  'test=1; lol; Path=/',
  'test=2; Path=/; lol',
  "test=3; Path=/; 'lol'",
  'test=4; Path=/; "lol"',
  'test=5; Path=/; lol=',
  'test=6; lol="aaa;bbb"; Path=/',
  'test=7; Path=/; lol="aaa;bbb"',
  'test=8; "Secure"',
  'test=9; Secure qux',
  'test=10; b,az=qux',
  'test=11; baz=q,ux',
  '  test  = 12  ;foo;;;   bar',
  '  test=== 13  ;foo;;;   bar',
  'test=14; version=1;',
  'test=15; version=1000;',
  "test=16; customvalue='1000 or more';",
  'test=18; foo=bar, a=b',
  'test=19;max-age=3600, c=d;path=/',
  ['testA=20', '=', 'testb=20'],
  ['test=21', ''],
  ['test22', '='],
  ['testA23', '; testB23'],
  ['test24', '   '],
  ['test25', '\t'],
  'test=26; domain=.parser.test; ;; ;=; ,,, ===,abc,=; abracadabra! max-age=20;=;;',
  ['test="9! = foo;bar\\";" parser; max-age=6', 'test9; max-age=2.63,'],
]);

/**
 * Recorded after the engine's browser profiles were settled, and never used to tune them: the
 * agreement on this category is the honest out-of-sample figure.
 */
add(
  'holdout',
  'variants added after tuning (RFC 6265bis §5.1.1, §5.6, §5.7)',
  ['http-localhost', 'http-ip', 'https-public'],
  [
    'h=1;Path=/;HttpOnly;Secure',
    'h=1 ; Path = / ',
    'h=a=b=c; Path=/',
    'h="a;b"',
    'h=1; Expires=Mon, 01 Nov 2027 00:00:00 GMT; Expires=garbage',
    'h=1; Max-Age=60; Max-Age=junk',
    'h=1; Domain=example.com; Domain=junk..com',
    'h=1; SameSite=None; Secure; SameSite=Lax',
    'h=1; Path=/oracle/set/echo-',
    'h=1; Expires=Sun, 06 Nov 2027 08:49:37 GMT',
    'h=1; Expires=Sunday, 06-Nov-27 08:49:37 GMT',
    'h=1; Expires=Sun Nov  6 08:49:37 2027',
    'h=1; Expires=06 Nov 2027 08:49:37 +0100',
    'h=1; Expires=Nov 6, 2027 8:49 PM',
    'h=1; Expires=2027/11/06 08:49:37',
    'h=1; Expires=11/06/2027',
    'h=1; Expires=Sat, 06 Nov 2027 08:49:37 GMT-0300',
    'h=1; Max-Age=0000',
    'h=1; Max-Age=-0000',
    'h=1; Max-Age=1 ; Expires=Sun, 06 Nov 2027 08:49:37 GMT',
    '__Secure-h=1; Secure; Domain=example.com; Path=/',
    '__HoSt-h=1; Secure; Path=/',
    'h=\u00e9\u00e8; Path=/',
    'h=1; Partitioned; Secure; SameSite=Lax',
    'h=1; Priority=LOW',
    ' h=1',
    'h=1, g=2',
    'h=1; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=86400; Priority=High; Partitioned',
    ['h=1; Path=/', 'h=2; Path=/; Max-Age=0', 'h=3; Path=/'],
    ['h=1; Path=/oracle', 'h=2; Path=/oracle/set'],
  ],
);

export const CORPUS: readonly OracleCase[] = cases;
