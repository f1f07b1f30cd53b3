import { describe, expect, it } from 'vitest';
import { parseHttpDate, timePoint } from './time.js';

describe('parseHttpDate (the form werkzeug.http_date writes)', () => {
  it.each([
    ['Fri, 02 Jan 2026 03:04:05 GMT', '2026-01-02T03:04:05.000Z'],
    ['Sat, 01 Jan 0001 00:00:00 GMT', '2001-01-01T00:00:00.000Z'], // Python's email.utils: years < 100 are 19xx/20xx
    ['Thu, 31 Dec 0099 23:59:59 GMT', '1999-12-31T23:59:59.000Z'],
    ['Fri, 31 Dec 9999 23:59:59 GMT', '9999-12-31T23:59:59.000Z'],
    ['Mon, 29 Feb 2016 12:00:00 GMT', '2016-02-29T12:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(new Date(parseHttpDate(text)!).toISOString()).toBe(iso);
  });

  it.each([
    'Tue, 29 Feb 2022 12:00:00 GMT',
    'Fri, 02 Jan 2026 24:00:00 GMT',
    'Fri, 02 Foo 2026 03:04:05 GMT',
    '2026-01-02',
    '',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });
});

describe('timePoint', () => {
  it('measures from the `now` passed in, as a Date or epoch ms', () => {
    expect(timePoint(100, 40_000)).toEqual({
      epochSeconds: 100,
      iso: '1970-01-01T00:01:40.000Z',
      secondsFromNow: 60,
    });
    expect(timePoint(100, new Date(160_000)).secondsFromNow).toBe(-60);
    expect(timePoint(1e16, 0).iso).toBeNull();
  });
});
