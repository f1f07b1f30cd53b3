import { expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { DebugPayload } from '../../../protocol/src/index.js';
import { analyze, warmHandlerDiffs } from './analysis.js';
import type { RequestRecord } from './types.js';

/** A payload that counts how often its session is read (each read is a diff being worked out). */
function countingPayload(): { payload: DebugPayload; reads: () => number } {
  const base = samplePayload();
  let reads = 0;
  const payload = { ...base } as DebugPayload;
  Object.defineProperty(payload, 'session', {
    get: () => {
      reads++;
      return base.session;
    },
  });
  return { payload, reads: () => reads };
}

const record = (payload: DebugPayload): RequestRecord => ({
  id: 1,
  key: 1,
  url: 'http://127.0.0.1:3000/',
  method: 'GET',
  status: 200,
  time: 1_700_000_000_000,
  debugHeader: 'v=1; ref=x',
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'decoded', payload },
});

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5));

test('a newly decoded payload has its handler diff worked out in the background, once; the view reads it', async () => {
  const { payload, reads } = countingPayload();
  warmHandlerDiffs([payload]);
  expect(reads()).toBe(0); // not on the caller's task
  await nextTask();
  const warmed = reads();
  expect(warmed).toBeGreaterThan(0);
  // analyze() reads the session for its findings; reading the diff after it must read nothing more.
  const first = analyze(record(payload), 0);
  const beforeDiff = reads();
  const diff = first.handlerDiff;
  expect(reads()).toBe(beforeDiff); // the view found it done
  expect(analyze(record(payload), 0).handlerDiff).toBe(diff); // another record object, the same payload: kept
  const settled = reads();
  warmHandlerDiffs([payload]);
  await nextTask();
  expect(reads()).toBe(settled); // never worked out twice
});

test('without warming, the diff is worked out when a view first reads it', () => {
  const { payload, reads } = countingPayload();
  const analysis = analyze(record(payload), 0);
  const beforeDiff = reads();
  expect(Array.isArray(analysis.handlerDiff)).toBe(true);
  expect(reads()).toBeGreaterThan(beforeDiff);
});
