import { expect, test } from 'vitest';
import { judgeHistory } from '../../core/cookies/history.js';
import { CHROMIUM, FIREFOX } from '../../core/cookies/profiles.js';
import { judgeRecords, responseOf, setEngineBrowser, verdictsOf } from './cookie-history.js';
import { applyEvent, createStore } from './store.js';
import type { RequestRecord } from './types.js';

const T0 = Date.parse('2026-12-01T08:00:00Z');
const record = (
  i: number,
  url: string,
  setCookies: string[],
  extra: Partial<RequestRecord> = {},
): RequestRecord => ({
  id: i + 1,
  key: i + 1,
  url,
  method: 'GET',
  status: 200,
  time: T0 + i * 1000,
  debugHeader: null,
  setCookies,
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'plain' },
  ...extra,
});

const outcomes = (records: readonly RequestRecord[]) =>
  records.map((r) => verdictsOf(r)?.map((v) => `${v.name}:${v.outcome}:${v.reason?.code ?? ''}`));

test('judging incrementally (appends, a replaced record, snapshots) gives what judging from scratch gives', () => {
  setEngineBrowser('chromium');
  const records = Array.from({ length: 300 }, (_, i) =>
    record(i, i % 2 ? 'http://app.example.com/' : 'https://app.example.com/', [
      `c${i % 200}=${i}; Path=/`,
      i % 7 === 0 ? 'sid=s; Secure; Path=/' : 'sid=plain; Path=/',
    ]),
  );
  let current: RequestRecord[] = [];
  for (const r of records) {
    current = [...current, r];
    judgeRecords(current);
  }
  // A decoded payload replaces record 150: everything after it is judged again.
  current = current.slice();
  current[150] = { ...current[150]!, setCookies: ['sid=new; Secure; Path=/'] };
  judgeRecords(current);
  const scratch = judgeHistory(current.map(responseOf), CHROMIUM).verdicts.map((list) =>
    list.map((v) => `${v.name}:${v.outcome}:${v.reason?.code ?? ''}`),
  );
  expect(outcomes(current)).toEqual(scratch);
  // The per-domain cap and the secure-overwrite rule did apply along the way.
  expect(scratch.flat().some((s) => s.endsWith('secure-overwrite'))).toBe(true);
});

test('the store judges for its browser, and a request to another site than the page is third-party', () => {
  for (const [browser, expected] of [
    ['chromium', 'rejected:third-party-blocked'],
    ['firefox', 'stored:'],
  ] as const) {
    const store = createStore({ browser });
    applyEvent(store, { type: 'navigated', url: 'https://news.example.net/' });
    applyEvent(store, {
      type: 'request-finished',
      summary: {
        url: 'https://app.example.com/widget',
        method: 'GET',
        status: 200,
        time: T0,
        debugHeader: null,
        setCookies: ['w=1; SameSite=None; Secure'],
        cookieHeader: null,
        storedCookies: [],
      },
    });
    const [r] = store.records.value;
    expect(r!.pageUrl).toBe('https://news.example.net/');
    expect(outcomes([r!])[0]).toEqual([`w:${expected}`]);
  }
  expect(
    judgeHistory(
      [{ url: 'https://a.example.com/', receivedAt: T0, setCookies: ['x=1; Max-Age=+9'] }],
      FIREFOX,
    ).verdicts[0]![0]!.notes[0]!.code,
  ).toBe('max-age-invalid');
  setEngineBrowser('chromium');
});
