import { describe, expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { analyze } from './analysis.js';
import type { RequestRecord } from './types.js';

function record(setCookies: string[], payloadSetCookie: string[] | null): RequestRecord {
  return {
    id: 1,
    key: 1,
    url: 'http://127.0.0.1:3000/remember',
    method: 'POST',
    status: 303,
    time: 1_700_000_000_000,
    debugHeader: payloadSetCookie ? 'v=1; ref=x' : null,
    setCookies,
    cookieHeader: 'connect.sid=s%3Aabc.sig',
    storedCookies: [],
    debug:
      payloadSetCookie === null
        ? { state: 'plain' }
        : {
            state: 'decoded',
            payload: samplePayload({ response: { status: 303, setCookie: payloadSetCookie } }),
          },
  };
}

const PERSISTENT =
  'connect.sid=s%3Aabc.sig; Path=/; Expires=Tue, 22 Dec 2026 19:32:40 GMT; HttpOnly; SameSite=Lax';

describe('Set-Cookie source', () => {
  test("a HAR entry without Set-Cookie (Chromium's late raw headers) falls back to the payload's list", () => {
    const a = analyze(record([], [PERSISTENT]), 0);
    expect(a.setCookies.map((c) => [c.name, c.expiry.kind, c.httpOnly])).toEqual([
      ['connect.sid', 'persistent', true],
    ]);
  });
  test('the HAR wins when it has Set-Cookie lines', () => {
    const a = analyze(record(['other=1; Path=/'], [PERSISTENT]), 0);
    expect(a.setCookies.map((c) => c.name)).toEqual(['other']);
  });
  test('no payload, no HAR Set-Cookie: none', () => {
    expect(analyze(record([], null), 0).setCookies).toEqual([]);
  });
});
