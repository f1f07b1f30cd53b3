import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import express from 'express';
import session from 'express-session';
import { generateKey, parseDebugHeader, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import { listen } from './support/http.js';
import { rawRequest, type RawReply } from './support/raw-http.js';

/**
 * What an attacker who does not hold a key can send in X-Sessionscope-Kid:
 * anything. Whatever it is, the app answers exactly as it would without
 * Sessionscope, with no debug header, and the by-reference endpoint gives nothing.
 */
let key: DeveloperKey;
let plain: Awaited<ReturnType<typeof listen>>;
let debug: Awaited<ReturnType<typeof listen>>;
/** A real by-reference entry sealed for `key`, which no other kid may fetch. */
let refPath: string;

function counterGenid(): () => string {
  let n = 0;
  return () => `sid-${++n}`;
}

function app(withSessionscope: boolean) {
  const a = express();
  const middleware = session({ secret: 's', resave: false, saveUninitialized: false, genid: counterGenid() });
  a.use(
    withSessionscope
      ? sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test', inlineLimit: 200, logger: () => {} })
      : middleware,
  );
  a.get('/', (req, res) => {
    (req.session as unknown as { views: number }).views = 1;
    res.send('ok');
  });
  return a;
}

beforeAll(async () => {
  key = await generateKey();
  [plain, debug] = await Promise.all([listen(app(false)), listen(app(true))]);
  // Keeps the two apps' id counters in step: the debug app's ref-making request has a plain twin.
  // (Every request below goes to both apps for the same reason.)
  await rawRequest(plain.url, '/', []);
  const reply = await rawRequest(debug.url, '/', [['X-Sessionscope-Kid', key.kid]]);
  const header = parseDebugHeader(headerOf(reply, 'x-sessionscope')!);
  if (header.kind !== 'ref') throw new Error('expected a by-reference header (inlineLimit 200)');
  refPath = header.url;
});
afterAll(async () => {
  await Promise.all([plain.close(), debug.close()]);
});

function headerOf(reply: RawReply, name: string): string | undefined {
  return reply.headers.find(([n]) => n === name)?.[1];
}

/** Everything but the Date header, which ticks. */
function comparable(reply: RawReply) {
  return { status: reply.status, headers: reply.headers.filter(([n]) => n !== 'date'), body: reply.body };
}

async function sameAsWithout(lines: Array<[string, string | Buffer]>): Promise<void> {
  const a = await rawRequest(plain.url, '/', lines);
  const b = await rawRequest(debug.url, '/', lines);
  expect(headerOf(b, 'x-sessionscope')).toBeUndefined();
  expect(comparable(b)).toEqual(comparable(a));
  // And the stored payload stays out of reach with whatever was sent: its path answers
  // exactly as the app without Sessionscope does (nothing tells the endpoint is there).
  const refA = await rawRequest(plain.url, refPath, lines);
  const refB = await rawRequest(debug.url, refPath, lines);
  expect(comparable(refB)).toEqual(comparable(refA));
}

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
/** Header values: no CR/LF (those would end the header line: a different request, not a value). */
const noNewlines = (s: string) => s.replace(/[\r\n]/g, '');

const hostileKid: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }).map(noNewlines),
  fc.string({ unit: 'grapheme', minLength: 20, maxLength: 24 }).map(noNewlines),
  // Well formed (22 base64url characters) but not a configured key.
  fc.array(fc.constantFrom(...BASE64URL), { minLength: 22, maxLength: 22 }).map((c) => c.join('')),
  fc.array(fc.constantFrom(...BASE64URL), { minLength: 0, maxLength: 44 }).map((c) => c.join('')),
  // Oversized: past Node's 16 KB header limit, and just under it.
  fc.integer({ min: 8_000, max: 20_000 }).map((n) => 'A'.repeat(n)),
);

describe('X-Sessionscope-Kid from someone without a key', () => {
  test('random, malformed, unicode and oversized values: no debug header, no ref, same response as without', async () => {
    await fc.assert(
      fc.asyncProperty(hostileKid, async (kid) => {
        fc.pre(kid !== key.kid);
        await sameAsWithout([['X-Sessionscope-Kid', Buffer.from(kid, 'utf8')]]);
      }),
      { numRuns: 120 },
    );
  });

  test('the real key id with one character changed, at any position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(21), fc.constantFrom(...BASE64URL), async (at, char) => {
        fc.pre(key.kid[at] !== char);
        const kid = key.kid.slice(0, at) + char + key.kid.slice(at + 1);
        await sameAsWithout([['X-Sessionscope-Kid', kid]]);
      }),
      { numRuns: 60 },
    );
  });

  test('the real key id with a character added or removed, or in another case', async () => {
    const variants = [
      key.kid.slice(1),
      key.kid.slice(0, -1),
      `${key.kid}A`,
      `A${key.kid}`,
      key.kid.toLowerCase(),
      key.kid.toUpperCase(),
      `${key.kid.slice(0, 11)} ${key.kid.slice(11)}`,
      `"${key.kid}"`,
    ].filter((v) => v !== key.kid);
    for (const kid of variants) await sameAsWithout([['X-Sessionscope-Kid', kid]]);
  });

  test('random header lines, duplicates included: the same rule holds', async () => {
    const line = fc.tuple(
      fc.constantFrom('X-Sessionscope-Kid', 'x-sessionscope-kid', 'X-SESSIONSCOPE-KID'),
      hostileKid,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 4 }), async (lines) => {
        await sameAsWithout(lines.map(([n, v]) => [n, Buffer.from(v, 'utf8')]));
      }),
      { numRuns: 40 },
    );
  });

  test('the real key id sent twice is one malformed value ("kid, kid"): no header', async () => {
    await sameAsWithout([
      ['X-Sessionscope-Kid', key.kid],
      ['X-Sessionscope-Kid', key.kid],
    ]);
  });

  test('a key id that is not a string (an array from another framework) goes straight to the session middleware', () => {
    const inner = vi.fn();
    const middleware = sessionscope(inner, { keys: [key.pairing], nodeEnv: 'test' });
    const res = { writeHead() {}, write() {}, end() {} };
    const original = { ...res };
    const req = { url: '/', method: 'GET', headers: { 'x-sessionscope-kid': [key.kid] } };
    const next = () => {};
    middleware(req, res, next);
    expect(inner).toHaveBeenCalledWith(req, res, next);
    expect(res).toEqual(original); // no hold installed
  });

  test('control: the exact key id does get a header and the entry (so the checks above can fail)', async () => {
    const reply = await rawRequest(debug.url, '/', [['X-Sessionscope-Kid', key.kid]]);
    expect(headerOf(reply, 'x-sessionscope')).toMatch(/^v=1; /);
    const ref = await rawRequest(debug.url, refPath, [['X-Sessionscope-Kid', key.kid]]);
    expect(ref.status).toBe(200);
    expect(ref.body).toMatch(/^eyJ[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
