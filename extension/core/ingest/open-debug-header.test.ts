import { describe, expect, test } from 'vitest';
import { formatInlineHeader, formatRefHeader, generateKey, sealPayload } from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { openDebugHeader, type FetchText } from './open-debug-header.js';

const REF = 'R'.repeat(43);
const noFetch: FetchText = async () => {
  throw new Error('no fetch expected');
};

describe('openDebugHeader', () => {
  test('inline payloads open with the paired key', async () => {
    const key = await generateKey();
    const header = formatInlineHeader(await sealPayload(samplePayload(), key));
    expect(await openDebugHeader(header, 'http://localhost:3000/login', key, noFetch)).toEqual({ ok: true, payload: samplePayload() });
  });

  test('by-reference payloads are fetched on the same origin with the kid header', async () => {
    const key = await generateKey();
    const jwe = await sealPayload(samplePayload(), key);
    const calls: [string, Record<string, string>][] = [];
    const fetchText: FetchText = async (url, headers) => {
      calls.push([url, headers]);
      return { status: 200, text: jwe };
    };
    const result = await openDebugHeader(formatRefHeader(REF, `/__sessionscope/payload/${REF}`), 'http://localhost:3000/bloat?x=1', key, fetchText);
    expect(result.ok).toBe(true);
    expect(calls).toEqual([[`http://localhost:3000/__sessionscope/payload/${REF}`, { 'X-Sessionscope-Kid': key.kid }]]);
  });

  test('expired references, network failures and junk bodies are readable errors', async () => {
    const key = await generateKey();
    const header = formatRefHeader(REF, `/p/${REF}`);
    const gone = await openDebugHeader(header, 'http://a.test/', key, async () => ({ status: 404, text: 'not found' }));
    expect(gone).toMatchObject({ ok: false, code: 'ERR_REF_FETCH', message: expect.stringContaining('expired') });
    const down = await openDebugHeader(header, 'http://a.test/', key, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(down).toMatchObject({ ok: false, code: 'ERR_REF_FETCH', message: expect.stringContaining('Failed to fetch') });
    const junk = await openDebugHeader(header, 'http://a.test/', key, async () => ({ status: 200, text: '<html>' }));
    expect(junk).toMatchObject({ ok: false, code: 'ERR_REF_FETCH' });
  });

  test('not paired, malformed header, other version: errors with codes, never throws', async () => {
    const key = await generateKey();
    const header = formatInlineHeader(await sealPayload(samplePayload(), key));
    expect(await openDebugHeader(header, 'http://a.test/', null, noFetch)).toMatchObject({ ok: false, code: 'ERR_KEY_UNKNOWN' });
    expect(await openDebugHeader('v=1; nonsense', 'http://a.test/', key, noFetch)).toMatchObject({ ok: false, code: 'ERR_HEADER_MALFORMED' });
    expect(await openDebugHeader(header.replace('v=1', 'v=9'), 'http://a.test/', key, noFetch)).toMatchObject({
      ok: false,
      code: 'ERR_PROTOCOL_VERSION',
    });
  });
});
