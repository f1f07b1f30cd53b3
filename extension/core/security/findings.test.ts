import { describe, expect, test } from 'vitest';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { clientSecretFinding, decodedSecretFinding, fixationFinding, secretPaths } from './findings.js';

describe('session fixation', () => {
  test('identity gained with the same id is a finding pointing at the request', () => {
    const payload = samplePayload({
      session: { before: { views: 1 }, after: { views: 1, user: { name: 'ann' } }, idBefore: 'x', idAfter: 'x', change: 'modified' },
    });
    const finding = fixationFinding(payload, 4);
    expect(finding).toMatchObject({ id: 'session-fixation', severity: 'error', requestIndex: 4 });
    expect(finding?.risk).toContain('regenerate');
  });

  test('login with a new id (regenerate) is fine', () => {
    const payload = samplePayload({
      session: { before: { views: 1 }, after: { user: 'ann' }, idBefore: 'x', idAfter: 'y', change: 'regenerated' },
    });
    expect(fixationFinding(payload, 0)).toBeUndefined();
  });

  test('unchanged identity on later requests is not a finding', () => {
    const payload = samplePayload({
      session: { before: { user: 'ann' }, after: { user: 'ann', views: 2 }, idBefore: 'x', idAfter: 'x', change: 'modified' },
    });
    expect(fixationFinding(payload, 0)).toBeUndefined();
  });

  test('switching to another user without a new id is a finding', () => {
    const payload = samplePayload({
      session: { before: { user: 'ann' }, after: { user: 'bob' }, idBefore: 'x', idAfter: 'x', change: 'modified' },
    });
    expect(fixationFinding(payload, 0)?.id).toBe('session-fixation');
  });
});

describe('secrets in a readable client-side session', () => {
  test('secretPaths walks objects and arrays', () => {
    expect(secretPaths({ a: { apiKey: 1 }, list: [{ password: 'x' }], fine: 2 })).toEqual([
      '$.a.apiKey',
      '$.list[0].password',
    ]);
  });

  test('cookie-session with redacted or visible secrets is a finding; express-session is not', () => {
    const cookieSession = samplePayload({
      middleware: { kind: 'cookie-session', store: null },
      redacted: ['$.auth.token'],
      session: { before: null, after: { auth: { token: { $ss: 'redacted' } } }, idBefore: null, idAfter: null, change: 'new' },
    });
    expect(clientSecretFinding(cookieSession, 2)?.title).toContain('$.auth.token');
    expect(clientSecretFinding(samplePayload({ redacted: ['$.password'] }), 2)).toBeUndefined();
  });

  test('decoded cookies (no server-lib) are checked the same way', () => {
    expect(decodedSecretFinding('session', { csrf_token: 'abc' }, 1)?.id).toBe('readable-secret');
    expect(decodedSecretFinding('session', { theme: 'dark' }, 1)).toBeUndefined();
  });
});
