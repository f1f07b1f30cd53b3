import { describe, expect, test } from 'vitest';
import { parseCookieDate, parseCookieDateChromium } from './cookie-date.js';
import { parseCookieDateFirefox } from './nspr-date.js';

/**
 * The IETF http-state date corpus (dates/examples.json and bsd-examples.json, as WPT's
 * cookies/http-state tests and tough-cookie run them): input → the RFC 6265 §5.1.1 answer.
 */
const IETF: [string, string | null][] = [
  ['Mon, 10-Dec-2007 17:02:24 GMT', '2007-12-10T17:02:24Z'],
  ['Wed, 09 Dec 2009 16:27:23 GMT', '2009-12-09T16:27:23Z'],
  ['Thursday, 01-Jan-1970 00:00:00 GMT', '1970-01-01T00:00:00Z'],
  ['Mon Dec 10 16:32:30 2007 GMT', '2007-12-10T16:32:30Z'],
  ['Wednesday, 01-Jan-10 00:00:00 GMT', '2010-01-01T00:00:00Z'],
  ['Mon, 10-Dec-07 20:35:03 GMT', '2007-12-10T20:35:03Z'],
  ['Wed, 1 Jan 2020 00:00:00 GMT', '2020-01-01T00:00:00Z'],
  ['Saturday, 8-Dec-2012 21:24:09 GMT', '2012-12-08T21:24:09Z'],
  ['Thu, 31 Dec 23:55:55 2037 GMT', '2037-12-31T23:55:55Z'],
  ['Sun,  9 Dec 2012 13:42:05 GMT', '2012-12-09T13:42:05Z'],
  ['Wed Dec 12 2007 08:44:07 GMT-0500 (EST)', '2007-12-12T08:44:07Z'],
  ['Mon, 01-Jan-2011 00: 00:00 GMT', null],
  ['Sun, 1-Jan-1995 00:00:00 GMT', '1995-01-01T00:00:00Z'],
  ['Wednesday, 01-Jan-10 0:0:00 GMT', '2010-01-01T00:00:00Z'],
  ['Thu, 10 Dec 2009 13:57:2 GMT', '2009-12-10T13:57:02Z'],
  ['Sat, 15-Apr-17 21:01:22 GMT', '2017-04-15T21:01:22Z'],
  ['Thu, 19/Apr\\2007 16:00:00 GMT', '2007-04-19T16:00:00Z'],
  [', 1-Jan-2003 00:00:00 GMT', '2003-01-01T00:00:00Z'],
  ['WillyWonka  ,  18-apr-07   22:50:12', '2007-04-18T22:50:12Z'],
  ['Mon, 18-Apr-77 22:50:13 GMT', '1977-04-18T22:50:13Z'],
  ['"Sat, 15-Apr-17\\"21:01:22\\"GMT"', '2017-04-15T21:01:22Z'],
  ['Partyday, 18- April-07 22:50:12', '2007-04-18T22:50:12Z'],
  ['Wednes, 1-Januar-2003 00:00:00 GMT', '2003-01-01T00:00:00Z'],
  ['Sat, 15-Apr-17 21:01:22 GMT-0400 (EDT)', '2017-04-15T21:01:22Z'],
  ['Sat, 15-Apr-17 21:01:22 -0400', '2017-04-15T21:01:22Z'],
  ['Sat, 15-Apr-17 21:01:22 11:22:33', '2017-04-15T21:01:22Z'],
  ['Sat, 15-Apr-17 ::00 21:01:22', '2017-04-15T21:01:22Z'],
  ['Sat, 15-Apr-17 boink:z 21:01:22', '2017-04-15T21:01:22Z'],
  ['Sat, 15-Apr-17 91:22:33 21:01:22', null],
  ['22:50:12 Thu Apr 18 2007 GMT', '2007-04-18T22:50:12Z'],
  ['Thu Apr 18 2007 GMT 22:50:12', '2007-04-18T22:50:12Z'],
  ['15-Sat, Apr 21:01:22 GMT 17', '2017-04-15T21:01:22Z'],
  ['15 17 Apr 21:01:22', '2017-04-15T21:01:22Z'],
  ['Apr 15 17 21:01:22', '2017-04-15T21:01:22Z'],
  ['2017 April 15 21:01:22', '2017-04-15T21:01:22Z'],
  ['98 April 17 21:01:22', null],
  ['Thu, 012-Aug-2008 20:49:07 GMT', null],
  ['Thu, 12-Aug-31841 20:49:07 GMT', null],
  ['Thu, 12-Aug-9999999999 20:49:07 GMT', null],
  ['Thu, 999999999999-Aug-2007 20:49:07 GMT', null],
  ['Thu, 12-Aug-2007 20:61:99999999999 GMT', null],
  ['IAintNoDateFool', null],
];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('RFC 6265bis §5.1.1 cookie-date', () => {
  test.each(IETF)('%s', (input, expected) => {
    expect(iso(parseCookieDate(input))).toBe(expected);
  });

  test('a date that does not exist fails instead of rolling over', () => {
    expect(parseCookieDate('Wed, 31 Sep 2027 10:00:00 GMT')).toBeNull();
    expect(parseCookieDate('Mon, 29 Feb 2027 10:00:00 GMT')).toBeNull();
    expect(iso(parseCookieDate('Tue, 29 Feb 2028 10:00:00 GMT'))).toBe('2028-02-29T10:00:00Z');
  });

  test('zone-less, numeric-zone and ISO strings read as the RFC says, never as Date.parse does', () => {
    expect(iso(parseCookieDate('Wed, 15 Sep 2027 10:00:00'))).toBe('2027-09-15T10:00:00Z');
    expect(iso(parseCookieDate('Wed, 15 Sep 2027 10:00:00 +0500'))).toBe('2027-09-15T10:00:00Z');
    expect(parseCookieDate('2027-09-15T10:00:00Z')).toBeNull();
    expect(parseCookieDate('Wed, 15 Sep 2027')).toBeNull();
  });
});

describe("Chromium's reader (oracle: fixtures/cookies/oracle-chromium.json)", () => {
  test('agrees with the RFC on the well-formed corpus', () => {
    for (const [input, expected] of IETF.filter(([, e]) => e !== null && !e.startsWith('1977')))
      expect(iso(parseCookieDateChromium(input)), input).toBe(expected);
  });

  test('five-digit years saturate into the far future, years before 1601 into the past', () => {
    expect(parseCookieDateChromium('Thu, 12-Aug-31841 20:49:07 GMT')).toBe(Date.UTC(30827, 11, 31));
    expect(parseCookieDateChromium('Wed, 15 Sep 10000 10:00:00 GMT')).toBeGreaterThan(Date.UTC(9999, 0, 1));
    expect(parseCookieDateChromium('Wed, 15 Sep 1600 10:00:00 GMT')).toBe(Date.UTC(1601, 0, 1));
  });

  test('the time needs three fields; a day-of-month token has at most two characters', () => {
    expect(parseCookieDateChromium('Wed, 15 Sep 2027 10:00 GMT')).toBeNull();
    expect(iso(parseCookieDateChromium('Wed, 15 Sep 2027 1:2:3 GMT'))).toBe('2027-09-15T01:02:03Z');
    expect(iso(parseCookieDateChromium('Wed, 15 Sep 027 10:00:00 GMT'))).toBe('2027-09-15T10:00:00Z');
  });
});

describe("Firefox's reader (NSPR PR_ParseTimeString; oracle: fixtures/cookies/oracle-firefox.json)", () => {
  const cases: [string, string | null][] = [
    ['Wed, 15 Sep 2027 10:00:00 GMT', '2027-09-15T10:00:00Z'],
    ['Wed, 15 Sep 2027 10:00:00 +0500', '2027-09-15T05:00:00Z'],
    ['Wed, 15 Sep 2027 10:00:00 -0800', '2027-09-15T18:00:00Z'],
    ['Wed, 15 Sep 2027 10:00:00 PST', '2027-09-15T18:00:00Z'],
    ['Wed, 15 Sep 2027 10:00:00 EST', '2027-09-15T15:00:00Z'],
    ['Wed, 15 Sep 2027 10:00:00', '2027-09-15T10:00:00Z'],
    ['Wed, 15 Sep 2027', '2027-09-15T00:00:00Z'],
    ['Wed, 31 Sep 2027 10:00:00 GMT', '2027-10-01T10:00:00Z'],
    ['Wed, 15 Sep 2027 25:00:00 GMT', '2027-09-16T01:00:00Z'],
    ['Wed, 15 Sep 1600 10:00:00 GMT', '1600-09-15T10:00:00Z'],
    ['Mon, 01-Jan-2011 00: 00:00 GMT', '2011-01-01T00:00:00Z'],
    ['Wed, 15 Sep 027 10:00:00 GMT', null],
    ['2027-09-15T10:00:00Z', null],
    ['Thu, 19/Apr\\2007 16:00:00 GMT', null],
    ['IAintNoDateFool', null],
  ];
  test.each(cases)('%s', (input, expected) => {
    expect(iso(parseCookieDateFirefox(input))).toBe(expected);
  });
});
