/**
 * Where the key-id path spends its time, per request and in-process (no HTTP):
 * each step of building and sealing one payload, timed alone.
 * `npx tsx bench/components.ts [sessionKb…]` (default 0.5 1 64).
 */
import { encodeTyped, formatInlineHeader, generateKey } from '../protocol/src/index.js';
import { sideOf } from '../server-lib/src/session-data.js';
import { DEFAULT_REDACT } from '../server-lib/src/index.js';
import { redactPredicate } from '../server-lib/src/redact.js';
import { sealerFor } from '../server-lib/src/seal.js';
import { sealText } from '../protocol/src/index.js';
import { buildPayload } from '../server-lib/src/build-payload.js';
import type { Observation } from '../server-lib/src/observer.js';

async function timeAsync(label: string, fn: () => Promise<unknown>): Promise<void> {
  const n = 4000;
  for (let i = 0; i < 500; i++) await fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const us = Number(process.hrtime.bigint() - started) / n / 1000;
  console.log(`  ${label.padEnd(44)} ${us.toFixed(1).padStart(7)} µs`);
}

function time(label: string, fn: () => unknown): void {
  const n = 4000;
  for (let i = 0; i < 500; i++) fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const us = Number(process.hrtime.bigint() - started) / n / 1000;
  console.log(`  ${label.padEnd(44)} ${us.toFixed(1).padStart(7)} µs`);
}

const key = await generateKey();
const seal = sealerFor(key);
const ctx = { redact: redactPredicate(DEFAULT_REDACT), limits: {} };
const sizes = process.argv.slice(2).map(Number);
for (const kb of sizes.length ? sizes : [0.5, 1, 64]) {
  const session = {
    cookie: { originalMaxAge: null, expires: null, httpOnly: true, path: '/' },
    views: 3,
    filler: 'x'.repeat(Math.max(0, kb * 1024 - 40)),
  };
  const side = sideOf(session, 'id', ctx);
  const seen: Observation = {
    kind: 'express-session',
    store: 'MemoryStore',
    before: side,
    after: side,
    cookie: null,
    cookieName: 'connect.sid',
    storeTtlMs: null,
  };
  const facts = {
    startedAt: 1,
    sealedAt: 2,
    method: 'GET',
    url: '/',
    status: 200,
    setCookie: [],
    errors: [],
  };
  const payload = buildPayload(facts, seen);
  const json = JSON.stringify(payload);
  const stored = JSON.stringify(session);
  console.log(
    `${kb} KB session: payload ${json.length} B of JSON, inline header ${formatInlineHeader(seal(json)).length} B`,
  );
  time('snapshot (sideOf), twice per request', () => sideOf(session, 'id', ctx));
  time('  of which JSON.stringify(session)', () => JSON.stringify(session));
  time('  of which encodeTyped(session)', () => encodeTyped(session, ctx));
  time('buildPayload', () => buildPayload(facts, seen));
  time('JSON.stringify(payload)', () => JSON.stringify(payload));
  time('seal (node:crypto, synchronous: what the server uses)', () => seal(json));
  await timeAsync('  for comparison: jose CompactEncrypt (async)', () => sealText(json, key));
  time('(app, not us) JSON.parse of the stored session', () => JSON.parse(stored));
}
