import { describe, expect, test } from 'vitest';
import { REF_ID_PATTERN } from '../../protocol/src/index.js';
import { MemoryPayloadStore, newRefId } from '../src/payload-store.js';

describe('MemoryPayloadStore', () => {
  test('ids are 43-char base64url; an entry is bound to its kid and handed out once', async () => {
    const id = newRefId();
    expect(id).toMatch(REF_ID_PATTERN);
    const store = new MemoryPayloadStore();
    await store.put(id, 'kid-a', 'jwe');
    // Another key's fetch neither gets the entry nor uses it up.
    expect(await store.take(id, 'kid-b')).toBeUndefined();
    expect(await store.take(newRefId(), 'kid-a')).toBeUndefined();
    expect(await store.take(id, 'kid-a')).toBe('jwe');
    expect(await store.take(id, 'kid-a')).toBeUndefined();
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });

  test('refuse() says at once when an entry is too large', () => {
    const store = new MemoryPayloadStore({ maxEntryBytes: 10 });
    expect(store.refuse(10)).toBeUndefined();
    expect(store.refuse(11)).toBeInstanceOf(RangeError);
  });

  test('entries expire after the TTL (clock passed in)', async () => {
    let now = 1000;
    const store = new MemoryPayloadStore({ ttlMs: 60_000, now: () => now });
    await store.put('a', 'k', 'x');
    now += 59_999;
    expect(await store.take('a', 'k')).toBe('x');
    now += 1;
    expect(await store.take('a', 'k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  test('bounded by count and by bytes, oldest evicted first', async () => {
    const byCount = new MemoryPayloadStore({ maxEntries: 2 });
    await byCount.put('a', 'k', '1');
    await byCount.put('b', 'k', '2');
    await byCount.put('c', 'k', '3');
    expect([
      await byCount.take('a', 'k'),
      await byCount.take('b', 'k'),
      await byCount.take('c', 'k'),
    ]).toEqual([undefined, '2', '3']);

    const byBytes = new MemoryPayloadStore({ maxBytes: 10 });
    await byBytes.put('a', 'k', '12345');
    await byBytes.put('b', 'k', '12345');
    await byBytes.put('c', 'k', '123');
    expect(await byBytes.take('a', 'k')).toBeUndefined();
    expect(await byBytes.take('c', 'k')).toBe('123');
    await expect(byBytes.put('d', 'k', 'x'.repeat(11))).rejects.toThrow(/exceeds/);
  });

  test('an entry comes back exactly as it went in (kept as bytes outside the heap), and the byte count with it', async () => {
    const store = new MemoryPayloadStore();
    const jwe = `eyJhbGciOiJkaXIifQ..${'A-_z9'.repeat(700)}.tag`;
    const others = ['', 'é€😀 non-ASCII', 'x'.repeat(5000)];
    await store.put('a', 'k', jwe);
    for (const [i, text] of others.entries()) await store.put(`o${i}`, 'k', text);
    expect(store.bytes).toBe(jwe.length + others.reduce((n, t) => n + t.length, 0));
    expect(await store.take('a', 'k')).toBe(jwe);
    for (const [i, text] of others.entries()) expect(await store.take(`o${i}`, 'k')).toBe(text);
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });
});

describe('MemoryStore TTL read from the stored JSON', () => {
  test('only the leading cookie object is parsed, strings and escapes honoured; anything else falls back', async () => {
    const { leadingCookieJson } = await import('../src/observe-express-session.js');
    const session = {
      cookie: { originalMaxAge: 1000, expires: '2026-01-01T00:00:00.000Z', path: '/a}"\\b', httpOnly: true },
      views: 1,
      big: 'x'.repeat(100_000),
    };
    const raw = JSON.stringify(session);
    const head = leadingCookieJson(raw)!;
    expect(head.length).toBeLessThan(200);
    expect(JSON.parse(head)).toEqual({ cookie: session.cookie });
    expect(leadingCookieJson(JSON.stringify({ views: 1, cookie: {} }))).toBeUndefined();
    expect(leadingCookieJson('{"cookie":{"nested":{"a":1}},"x":1}')).toBeUndefined();
    expect(leadingCookieJson('{"cookie":{"unterminated":"')).toBeUndefined();
  });
});
