import { expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { RequestSummary } from '../../core/ingest/har.js';
import type { HistoryRecord } from '../../core/history/format.js';
import { applyEvent, applyEvents, createStore } from './store.js';

const summary = (url: string, time: number, debugHeader: string | null = null): RequestSummary => ({
  url,
  method: 'GET',
  status: 200,
  time,
  debugHeader,
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
});

test('requests reported out of order (Firefox: a redirect after its target) are listed in finish order', () => {
  const store = createStore();
  applyEvent(store, { type: 'request-finished', summary: summary('/cart', 200) });
  const post = applyEvent(store, {
    type: 'request-finished',
    summary: summary('/cart/add', 100, 'v=1; jwe=x'),
  })!;
  expect(store.records.value.map((r) => [r.id, r.url])).toEqual([
    [1, '/cart/add'],
    [2, '/cart'],
  ]);
  applyEvent(store, { type: 'payload-decoded', key: post, payload: samplePayload() });
  expect(store.records.value[0]?.debug.state).toBe('decoded');
});

test('applyEvents: one list copy for a burst, decodes applied to the right records, pause respected', () => {
  const store = createStore();
  applyEvents(store, [
    { type: 'request-finished', summary: summary('/a', 1, 'v=1; jwe=x') },
    { type: 'request-finished', summary: summary('/b', 2) },
    { type: 'payload-failed', key: 1, code: 'ERR_DECRYPT', message: 'm' },
    { type: 'set-paused', on: true },
    { type: 'request-finished', summary: summary('/c', 3) },
  ]);
  expect(store.records.value.map((r) => [r.url, r.debug.state])).toEqual([
    ['/a', 'error'],
    ['/b', 'plain'],
  ]);
});

test('preserve log off: a navigation clears the list; on (default) it keeps it', () => {
  const store = createStore();
  applyEvent(store, { type: 'request-finished', summary: summary('/a', 1) });
  applyEvent(store, { type: 'navigated', url: '/b' });
  expect(store.records.value).toHaveLength(1);
  applyEvent(store, { type: 'set-preserve-log', on: false });
  applyEvent(store, { type: 'navigated', url: '/b' });
  expect(store.records.value).toHaveLength(0);
});

test('the batched path orders late reports the same way; equal times keep arrival order', () => {
  const store = createStore();
  applyEvents(store, [
    { type: 'request-finished', summary: summary('/', 1000) },
    { type: 'request-finished', summary: summary('/cart', 1200) },
    { type: 'request-finished', summary: summary('/cart/add', 1100) },
    { type: 'request-finished', summary: summary('/x', 1200) },
  ]);
  expect(store.records.value.map((r) => r.url)).toEqual(['/', '/cart/add', '/cart', '/x']);
});

const started = (url: string, start: number, end: number): RequestSummary => ({
  ...summary(url, end),
  startedAt: start,
});

test('the list is in start order: a long request that finished late stays where it started', () => {
  const store = createStore();
  applyEvents(store, [
    { type: 'request-finished', summary: started('/slow', 100, 900) },
    { type: 'request-finished', summary: started('/fast', 200, 300) },
  ]);
  expect(store.records.value.map((r) => r.url)).toEqual(['/slow', '/fast']);
});

test('a late report renumbers the few rows it goes before; selection follows the request', () => {
  const store = createStore();
  applyEvent(store, { type: 'request-finished', summary: started('/', 10, 20) });
  applyEvent(store, { type: 'request-finished', summary: started('/cart', 200, 250) });
  applyEvent(store, { type: 'select', id: 2 });
  applyEvent(store, { type: 'request-finished', summary: started('/cart/add', 100, 150) });
  expect(store.records.value.map((r) => `#${r.id} ${r.url}`)).toEqual(['#1 /', '#2 /cart/add', '#3 /cart']);
  expect(store.selectedId.value).toBe(3);
});

const history = (n: number, first = 1): HistoryRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    ...summary(`/r${first + i}`, 1000 + first + i),
    id: first + i,
    debug: { state: 'plain' as const },
  }));

test('importing the same file twice adds nothing; numbers from the file are kept in an empty panel', () => {
  const store = createStore();
  applyEvent(store, { type: 'imported', records: history(3, 5) });
  expect(store.records.value.map((r) => r.id)).toEqual([5, 6, 7]);
  expect(store.notice.value).toBe('Imported 3 requests.');
  applyEvent(store, { type: 'imported', records: history(3, 5) });
  expect(store.records.value).toHaveLength(3);
  expect(store.notice.value).toBe('Imported 0 requests (3 already listed, skipped).');
  // A live request after the import is numbered on.
  applyEvent(store, { type: 'request-finished', summary: summary('/live', 5000) });
  expect(store.records.value.at(-1)?.id).toBe(8);
  // The next page the developer opens drops it too (the import is old news; the log is kept).
  applyEvent(store, { type: 'navigated', url: '/next' });
  expect(store.notice.value).toBeNull();
  expect(store.records.value).toHaveLength(4);
  applyEvent(store, { type: 'imported', records: history(1, 40) });
  expect(store.notice.value).not.toBeNull();
  // Clear also drops the notice.
  applyEvent(store, { type: 'clear' });
  expect(store.notice.value).toBeNull();
});

test('decoded records are the same request when server-lib gave them the same request id', () => {
  const store = createStore();
  const one = {
    ...summary('/a', 1),
    debug: { state: 'decoded' as const, payload: samplePayload({ requestId: 'r1' }) },
  };
  applyEvent(store, { type: 'imported', records: [one] });
  applyEvent(store, { type: 'imported', records: [{ ...one, time: 99 }] });
  expect(store.records.value).toHaveLength(1);
});

test('restored history goes first with its numbers; requests recorded meanwhile are numbered after it', () => {
  const store = createStore();
  const live = applyEvent(store, {
    type: 'request-finished',
    summary: summary('/live', 5000, 'v=1; jwe=x'),
  })!;
  applyEvent(store, { type: 'select', id: 1 });
  applyEvent(store, { type: 'restored', records: history(4, 1) });
  expect(store.records.value.map((r) => `#${r.id} ${r.url}`)).toEqual([
    '#1 /r1',
    '#2 /r2',
    '#3 /r3',
    '#4 /r4',
    '#5 /live',
  ]);
  expect(store.selectedId.value).toBe(5);
  // The pending decode still finds its request by key.
  applyEvent(store, { type: 'payload-failed', key: live, code: 'ERR_DECRYPT', message: 'm' });
  expect(store.records.value.at(-1)?.debug.state).toBe('error');
});

test('applyEvents: an outcome for a request listed before the burst gives a new record (views and caches hold the old one)', () => {
  const store = createStore();
  applyEvents(store, [{ type: 'request-finished', summary: summary('/a', 1, 'v=1; jwe=x') }]);
  const listed = store.records.value[0]!;
  applyEvents(store, [
    { type: 'request-finished', summary: summary('/b', 2, 'v=1; jwe=y') },
    { type: 'payload-decoded', key: 2, payload: samplePayload() },
    { type: 'payload-decoded', key: 1, payload: samplePayload() },
  ]);
  expect(listed.debug.state).toBe('pending');
  expect(store.records.value.map((r) => r.debug.state)).toEqual(['decoded', 'decoded']);
  expect(store.records.value[0]).not.toBe(listed);
  // After a published list (another event in the burst), its records count as seen.
  applyEvents(store, [
    { type: 'request-finished', summary: summary('/c', 3, 'v=1; jwe=z') },
    { type: 'select', id: 3 },
  ]);
  const published = store.records.value[2]!;
  applyEvents(store, [{ type: 'payload-failed', key: 3, code: 'ERR_DECRYPT', message: 'm' }]);
  expect(published.debug.state).toBe('pending');
  expect(store.records.value[2]!.debug.state).toBe('error');
});
