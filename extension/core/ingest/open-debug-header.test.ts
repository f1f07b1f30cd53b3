import { describe, expect, test } from 'vitest';
import {
  formatInlineHeader,
  formatRefHeader,
  generateKey,
  sealPayload,
} from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { ERR_ORIGIN_NOT_PAIRED, openDebugHeader, type FetchText } from './open-debug-header.js';

const REF = 'R'.repeat(43);
const LOCAL = ['http://localhost:3000'];
const A_TEST = ['http://a.test'];
/** A server answering every URL with this status and body, from that URL, without redirecting. */
const answer =
  (status: number, text: string): FetchText =>
  async (url) => ({ status, text, redirected: false, url });
const noFetch: FetchText = async () => {
  throw new Error('no fetch expected');
};

describe('openDebugHeader', () => {
  test('inline payloads open with the paired key', async () => {
    const key = await generateKey();
    const header = formatInlineHeader(await sealPayload(samplePayload(), key));
    expect(await openDebugHeader(header, 'http://localhost:3000/login', key, noFetch, LOCAL)).toEqual({
      ok: true,
      payload: samplePayload(),
    });
  });

  test('by-reference payloads are fetched on the same origin with the kid header', async () => {
    const key = await generateKey();
    const jwe = await sealPayload(samplePayload(), key);
    const calls: [string, Record<string, string>][] = [];
    const fetchText: FetchText = async (url, headers) => {
      calls.push([url, headers]);
      return { status: 200, text: jwe, redirected: false, url };
    };
    const result = await openDebugHeader(
      formatRefHeader(REF, `/__sessionscope/payload/${REF}`),
      'http://localhost:3000/bloat?x=1',
      key,
      fetchText,
      LOCAL,
    );
    expect(result.ok).toBe(true);
    expect(calls).toEqual([
      [`http://localhost:3000/__sessionscope/payload/${REF}`, { 'X-Sessionscope-Kid': key.kid }],
    ]);
  });

  test('expired references, network failures and junk bodies are readable errors', async () => {
    const key = await generateKey();
    const header = formatRefHeader(REF, `/p/${REF}`);
    const gone = await openDebugHeader(header, 'http://a.test/', key, answer(404, 'not found'), A_TEST);
    expect(gone).toMatchObject({
      ok: false,
      code: 'ERR_REF_FETCH',
      message: expect.stringContaining('expired'),
    });
    const down = await openDebugHeader(
      header,
      'http://a.test/',
      key,
      async () => {
        throw new TypeError('Failed to fetch');
      },
      A_TEST,
    );
    expect(down).toMatchObject({
      ok: false,
      code: 'ERR_REF_FETCH',
      message: expect.stringContaining('Failed to fetch'),
    });
    const junk = await openDebugHeader(header, 'http://a.test/', key, answer(200, '<html>'), A_TEST);
    expect(junk).toMatchObject({ ok: false, code: 'ERR_REF_FETCH' });
  });

  test('not paired, malformed header, other version: errors with codes, never throws', async () => {
    const key = await generateKey();
    const header = formatInlineHeader(await sealPayload(samplePayload(), key));
    expect(await openDebugHeader(header, 'http://a.test/', null, noFetch, A_TEST)).toMatchObject({
      ok: false,
      code: 'ERR_KEY_UNKNOWN',
    });
    expect(await openDebugHeader('v=1; nonsense', 'http://a.test/', key, noFetch, A_TEST)).toMatchObject({
      ok: false,
      code: 'ERR_HEADER_MALFORMED',
    });
    expect(
      await openDebugHeader(header.replace('v=1', 'v=9'), 'http://a.test/', key, noFetch, A_TEST),
    ).toMatchObject({
      ok: false,
      code: 'ERR_PROTOCOL_VERSION',
    });
  });

  test('a reference whose url redirects is refused, never followed (SECURITY.md: forged reference)', async () => {
    const key = await generateKey();
    const header = formatRefHeader(REF, `/p/${REF}`);
    // What the extension's fetch with redirect: 'manual' gives for a 302: an opaque redirect, status 0.
    const opaque: FetchText = async (url) => ({ status: 0, text: '', redirected: true, url });
    const result = await openDebugHeader(header, 'http://a.test/x', key, opaque, A_TEST);
    expect(result).toMatchObject({
      ok: false,
      code: 'ERR_REF_FETCH',
      message: expect.stringContaining('redirect'),
    });
    // A platform that reports the 3xx itself, or answers from another URL, is refused the same way.
    expect(await openDebugHeader(header, 'http://a.test/x', key, answer(307, ''), A_TEST)).toMatchObject({
      ok: false,
      message: expect.stringContaining('redirect'),
    });
    const elsewhere: FetchText = async () => ({
      status: 200,
      text: 'a.b.c.d.e',
      redirected: false,
      url: 'http://evil.test/p',
    });
    expect(await openDebugHeader(header, 'http://a.test/x', key, elsewhere, A_TEST)).toMatchObject({
      ok: false,
      code: 'ERR_REF_FETCH',
      message: expect.stringContaining('http://evil.test/p'),
    });
  });

  test('a debug header from an origin that is not paired is not acted on: no fetch, no decryption', async () => {
    const key = await generateKey();
    const inline = formatInlineHeader(await sealPayload(samplePayload(), key));
    const ref = formatRefHeader(REF, `/p/${REF}`);
    for (const header of [inline, ref]) {
      const result = await openDebugHeader(header, 'http://tracker.test:8080/pixel', key, noFetch, [
        'http://tracker.test',
      ]);
      expect(result).toMatchObject({
        ok: false,
        code: ERR_ORIGIN_NOT_PAIRED,
        message: expect.stringContaining('http://tracker.test:8080, which is not a paired origin'),
      });
    }
    expect(await openDebugHeader(inline, 'http://a.test/', key, noFetch, [])).toMatchObject({
      code: ERR_ORIGIN_NOT_PAIRED,
    });
  });
});
