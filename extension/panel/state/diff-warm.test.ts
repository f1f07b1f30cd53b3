import { beforeEach, expect, test, vi } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { DebugPayload } from '../../../protocol/src/index.js';
import type { RequestSummary } from '../../core/ingest/har.js';
import { diffSessions } from '../../core/diff/diff.js';
import { analyze } from './analysis.js';
import { sincePreviousAt } from './since-previous.js';
import { applyEvents, createStore } from './store.js';

// Counts the diffs worked out: each call is a walk over both session values.
vi.mock('../../core/diff/diff.js', async (original) => {
  const real = await original<typeof import('../../core/diff/diff.js')>();
  return { ...real, diffSessions: vi.fn(real.diffSessions) };
});
const diffs = vi.mocked(diffSessions);
beforeEach(() => diffs.mockClear());

const summary = (url: string, time: number): RequestSummary => ({
  url,
  method: 'GET',
  status: 200,
  time,
  debugHeader: 'v=1; jwe=x',
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
});

/** A payload of session `sid` going from `before` to `after` (express-session, same id). */
function payload(requestId: string, before: object, after: object): DebugPayload {
  const base = samplePayload();
  return {
    ...base,
    requestId,
    session: { ...base.session, before, after, idBefore: 'sid', idAfter: 'sid', change: 'modified' },
  } as DebugPayload;
}

const nextTasks = () => new Promise((resolve) => setTimeout(resolve, 20));

test('newly decoded requests get their handler diff worked out in the background, once; a click reads it', async () => {
  const store = createStore();
  const p = payload('a', { views: 1 }, { views: 2 });
  applyEvents(store, [
    { type: 'request-finished', summary: summary('http://localhost/a', 1) },
    { type: 'payload-decoded', key: 1, payload: p },
  ]);
  expect(diffs).not.toHaveBeenCalled(); // not on the caller's task
  await nextTasks();
  expect(diffs).toHaveBeenCalledTimes(1);
  const [record] = store.records.value;
  const diff = analyze(record!, 0).handlerDiff;
  expect(diff.map((e) => e.path)).toEqual(['views']);
  expect(diffs).toHaveBeenCalledTimes(1); // the view found it done
  expect(analyze({ ...record! }, 0).handlerDiff).toBe(diff); // another record object, the same values: kept
});

test('a session changed outside the panel: its since-previous diff is worked out in the background too', async () => {
  const store = createStore();
  applyEvents(store, [
    { type: 'request-finished', summary: summary('http://localhost/a', 1) },
    { type: 'payload-decoded', key: 1, payload: payload('a', { views: 1 }, { views: 2 }) },
  ]);
  await nextTasks();
  diffs.mockClear();
  // Between the two, another tab set `cart`: the second request starts from a session the panel never saw.
  applyEvents(store, [
    { type: 'request-finished', summary: summary('http://localhost/b', 2) },
    { type: 'payload-decoded', key: 2, payload: payload('b', { views: 2, cart: 1 }, { views: 3, cart: 1 }) },
  ]);
  await nextTasks();
  expect(diffs).toHaveBeenCalledTimes(2); // handler diff + since previous
  const since = sincePreviousAt(store.records.value, 1)!;
  expect(since).toMatchObject({ kind: 'changed', since: { id: 1 } });
  expect(since.entries.map((e) => [e.kind, e.path])).toEqual([['added', 'cart']]);
  expect(diffs).toHaveBeenCalledTimes(2); // the click found both done
});

test('without warming, a view works the diff out when it first reads it', () => {
  const p = payload('c', { a: 1 }, { a: 2 });
  const analysis = analyze(
    { ...summary('http://localhost/c', 3), id: 1, key: 1, debug: { state: 'decoded', payload: p } },
    0,
  );
  expect(diffs).not.toHaveBeenCalled();
  expect(analysis.handlerDiff.map((e) => e.kind)).toEqual(['changed']);
  expect(diffs).toHaveBeenCalledTimes(1);
});
