import { expect, test } from 'vitest';
import { summarizeHar } from './har.js';

test('summarizeHar keeps every Set-Cookie, the debug header and what the browser stored', () => {
  const summary = summarizeHar(
    {
      startedDateTime: '2026-11-22T12:00:00.000Z',
      time: 15,
      request: { method: 'POST', url: 'http://localhost:3000/login', headers: [{ name: 'Cookie', value: 'connect.sid=s%3Aa.b' }] },
      response: {
        status: 302,
        headers: [
          { name: 'set-cookie', value: 'a=1; Path=/' },
          { name: 'Set-Cookie', value: 'b=2; HttpOnly' },
          { name: 'x-sessionscope', value: 'v=1; jwe=x' },
          { name: 'Date', value: 'Sun, 22 Nov 2026 11:59:00 GMT' },
        ],
        cookies: [{ name: 'a', value: '1', httpOnly: false, expires: new Date('2027-01-01T00:00:00Z') }],
      },
    },
    0,
  );
  expect(summary).toEqual({
    url: 'http://localhost:3000/login',
    method: 'POST',
    status: 302,
    time: Date.parse('2026-11-22T12:00:00.015Z'),
    startedAt: Date.parse('2026-11-22T12:00:00.000Z'),
    responseDate: 'Sun, 22 Nov 2026 11:59:00 GMT',
    debugHeader: 'v=1; jwe=x',
    setCookies: ['a=1; Path=/', 'b=2; HttpOnly'],
    cookieHeader: 'connect.sid=s%3Aa.b',
    storedCookies: [{ name: 'a', httpOnly: false, secure: null, sameSite: null, expires: '2027-01-01T00:00:00.000Z' }],
  });
});

test('a HAR entry missing everything still summarizes', () => {
  expect(summarizeHar({}, 42)).toMatchObject({ url: '', method: 'GET', status: 0, time: 42, debugHeader: null, setCookies: [] });
});
