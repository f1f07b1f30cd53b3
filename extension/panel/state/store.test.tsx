import { describe, expect, test } from 'vitest';
import type { RequestSummary } from '../../core/ingest/har.js';
import { applyEvent, applyEvents, createStore, indexOfId } from './store.js';

function finished(path: string, time: number): { type: 'request-finished'; summary: RequestSummary } {
  const summary: RequestSummary = {
    url: `http://a.test${path}`,
    method: path.startsWith('/post') ? 'POST' : 'GET',
    status: 200,
    time,
    debugHeader: 'v=1; jwe=x',
    setCookies: [],
    cookieHeader: null,
    storedCookies: [],
  };
  return { type: 'request-finished', summary };
}

const paths = (store: ReturnType<typeof createStore>) => store.records.value.map((r) => new URL(r.url).pathname);

describe('store ordering', () => {
  test('a request reported late (Firefox: a redirected POST after its GET) is listed where it finished', () => {
    const store = createStore();
    applyEvent(store, finished('/', 1000));
    applyEvent(store, finished('/cart', 1200));
    const late = applyEvent(store, finished('/post-cart-add', 1100))!;
    expect(paths(store)).toEqual(['/', '/post-cart-add', '/cart']);
    applyEvent(store, { type: 'payload-failed', id: late, code: 'ERR_DECRYPT', message: 'x' });
    expect(store.records.value[indexOfId(store.records.value, late)]!.debug.state).toBe('error');
    expect(store.records.value[2]!.debug.state).toBe('pending');
  });

  test('the batched path orders the same way', () => {
    const store = createStore();
    applyEvents(store, [finished('/', 1000), finished('/cart', 1200), finished('/post-cart-add', 1100)]);
    expect(paths(store)).toEqual(['/', '/post-cart-add', '/cart']);
  });

  test('arrival order is kept for equal times and for requests reported in order', () => {
    const store = createStore();
    for (const [path, time] of [['/a', 5], ['/b', 5], ['/c', 6]] as const) applyEvent(store, finished(path, time));
    expect(paths(store)).toEqual(['/a', '/b', '/c']);
  });
});
