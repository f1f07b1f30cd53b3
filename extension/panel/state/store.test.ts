import { expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { RequestSummary } from '../../core/ingest/har.js';
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
  expect(store.records.value.map((r) => r.url)).toEqual(['/cart/add', '/cart']);
  applyEvent(store, { type: 'payload-decoded', id: post, payload: samplePayload() });
  expect(store.records.value[0]?.debug.state).toBe('decoded');
});

test('applyEvents: one list copy for a burst, decodes applied to the right records, pause respected', () => {
  const store = createStore();
  applyEvents(store, [
    { type: 'request-finished', summary: summary('/a', 1, 'v=1; jwe=x') },
    { type: 'request-finished', summary: summary('/b', 2) },
    { type: 'payload-failed', id: 1, code: 'ERR_DECRYPT', message: 'm' },
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
