import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import {
  DEFAULT_INLINE_LIMIT,
  formatRefHeader,
  generateKey,
  parseDebugHeader,
  type DeveloperKey,
} from '../../protocol/src/index.js';
import { MemoryPayloadStore, sessionscope, type SessionscopeOptions } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/**
 * Whatever the session's size, the X-Sessionscope header stays within a fixed
 * bound: at most `inlineLimit` bytes inline, else the fixed-size ref form. When
 * the store refuses an entry (larger than its per-entry bound), the header is
 * an inline error payload, never missing and never large.
 */
let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The ref form's length with the default mount path: 43-char id twice, nothing else varies. */
const REF_HEADER_BYTES = formatRefHeader('A'.repeat(43), `/__sessionscope/payload/${'A'.repeat(43)}`).length;

/** A session of about `bytes` that survives the per-value limits (≤ 4096-char strings, ≤ 500 items per list). */
function sessionOf(bytes: number): Record<string, unknown> {
  const strings = Array.from({ length: Math.ceil(bytes / 4000) }, (_, i) =>
    `${i}:`.padEnd(Math.min(4000, bytes), 'q'),
  );
  const lists: string[][] = [];
  for (let i = 0; i < strings.length; i += 500) lists.push(strings.slice(i, i + 500));
  return { lists };
}

async function serve(options: SessionscopeOptions = {}): Promise<string> {
  const app = express();
  app.use(
    sessionscope(session({ secret: 's', resave: false, saveUninitialized: false }), {
      keys: [key.pairing],
      nodeEnv: 'test',
      logger: () => {},
      ...options,
    }),
  );
  app.get('/:bytes', (req, res) => {
    Object.assign(req.session, sessionOf(Number(req.params.bytes)));
    res.send('ok');
  });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

describe('debug header size is bounded whatever the session size', () => {
  test(`inline ≤ ${DEFAULT_INLINE_LIMIT} B, otherwise exactly ${REF_HEADER_BYTES} B; 1 KB … 4 MB sessions`, async () => {
    const url = await serve();
    const kinds: string[] = [];
    for (const bytes of [1024, 3 * 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024]) {
      const reply = await new Client(url, key.kid).get(`/${bytes}`);
      expect(reply.status).toBe(200);
      const value = reply.debugHeader!;
      const header = parseDebugHeader(value);
      kinds.push(header.kind);
      if (header.kind === 'inline') expect(value.length).toBeLessThanOrEqual(DEFAULT_INLINE_LIMIT);
      else expect(value.length).toBe(REF_HEADER_BYTES);
      const p = await payloadOf(reply, url, key);
      expect(p.errors).toEqual([]);
      expect(p.sizes.sessionAfter).toBeGreaterThanOrEqual(bytes);
    }
    expect(kinds).toEqual(['inline', 'ref', 'ref', 'ref', 'ref']);
  }, 30_000);

  test('a payload above the store’s per-entry bound: an inline ERR_PAYLOAD_TOO_LARGE payload, not a missing header', async () => {
    const payloadStore = new MemoryPayloadStore({ maxEntryBytes: 256 * 1024 });
    const url = await serve({ payloadStore });
    const reply = await new Client(url, key.kid).get(`/${1024 * 1024}`);
    expect(reply.status).toBe(200);
    expect(reply.debugHeader!.length).toBeLessThanOrEqual(DEFAULT_INLINE_LIMIT);
    const p = await payloadOf(reply, url, key);
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_PAYLOAD_TOO_LARGE']);
    expect(p.errors[0]!.message).toContain('262144-byte bound per entry');
    expect(p.session).toMatchObject({ before: null, after: null, change: 'new' });
    expect(p.sizes.sessionAfter).toBeGreaterThan(1024 * 1024); // the sizes still say how big it was
    expect(p.truncated).toBe(true);
    expect(payloadStore.size).toBe(0);
  });

  test('a custom inlineLimit is the bound: no inline header is ever longer', async () => {
    const url = await serve({ inlineLimit: 1500 });
    for (const bytes of [100, 700, 1000, 2000]) {
      const value = (await new Client(url, key.kid).get(`/${bytes}`)).debugHeader!;
      expect(value.length === REF_HEADER_BYTES || value.length <= 1500, `${bytes}: ${value.length}`).toBe(
        true,
      );
    }
  });
});
