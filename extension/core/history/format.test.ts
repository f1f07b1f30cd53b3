import { describe, expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { exportHistory, importHistory, type HistoryRecord } from './format.js';

const record = (debug: HistoryRecord['debug']): HistoryRecord => ({
  url: 'http://localhost:3000/',
  method: 'GET',
  status: 200,
  time: 1_700_000_000_000,
  debugHeader: null,
  setCookies: ['a=1'],
  cookieHeader: null,
  storedCookies: [],
  debug,
});

describe('history files', () => {
  test('round-trips decoded, error and plain records, keeping redaction marks', () => {
    const payload = samplePayload({
      redacted: ['$.password'],
      session: { before: null, after: { password: { $ss: 'redacted' } }, idBefore: null, idAfter: 'b', change: 'new' },
    });
    const records = [record({ state: 'decoded', payload }), record({ state: 'error', code: 'ERR_DECRYPT', message: 'm' }), record({ state: 'plain' })];
    const text = exportHistory(records, Date.parse('2026-11-22T00:00:00Z'), { secrets: 'included' });
    expect(JSON.parse(text)).toMatchObject({ format: 'sessionscope-history', version: 1, exportedAt: '2026-11-22T00:00:00.000Z', secrets: 'included' });
    const back = importHistory(text);
    expect(back).toEqual({ ok: true, records, secrets: 'included' });
    expect(text).toContain('"$ss": "redacted"');
  });

  test.each([
    ['not json', 'not JSON'],
    ['{"format":"other"}', 'not a Sessionscope history file'],
    ['{"format":"sessionscope-history","version":7,"records":[]}', 'history file version 7'],
    ['{"format":"sessionscope-history","version":1,"records":{}}', '"records" is not a list'],
    ['{"format":"sessionscope-history","version":1,"records":[{"url":1}]}', 'record 1 has no url/method'],
    ['{"format":"sessionscope-history","version":1,"secrets":"some","records":[]}', '"secrets" must be "masked" or "included"'],
  ])('rejects %s with a clear message', (text, message) => {
    const result = importHistory(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(message);
      expect(result.message).toContain('Nothing was imported');
    }
  });

  test('a decoded record whose payload is malformed names the record and the field', () => {
    const bad = { ...record({ state: 'plain' }), debug: { state: 'decoded', payload: { ...samplePayload(), session: null } } };
    const result = importHistory(JSON.stringify({ format: 'sessionscope-history', version: 1, records: [record({ state: 'plain' }), bad] }));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('record 2: Debug payload field "session"') });
  });

  test('a masked export says so, and imports as masked; a file from before the field reads as carrying secrets', () => {
    const records = [record({ state: 'plain' })];
    const masked = exportHistory(records, 0, { secrets: 'masked' });
    expect(JSON.parse(masked)).toMatchObject({ secrets: 'masked', records: [{ setCookies: ['a=masked1'] }] });
    expect(importHistory(masked)).toMatchObject({ ok: true, secrets: 'masked' });
    const old = JSON.stringify({ format: 'sessionscope-history', version: 1, records });
    expect(importHistory(old)).toMatchObject({ ok: true, secrets: 'included' });
  });
});
