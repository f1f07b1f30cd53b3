import type { DebugPayload } from './payload.js';

/** A valid v1 payload for tests of code that consumes payloads; override what the test is about. */
export function samplePayload(overrides: Partial<DebugPayload> = {}): DebugPayload {
  return {
    v: 1,
    requestId: 'r1',
    startedAt: 1_700_000_000_000,
    sealedAt: 1_700_000_000_005,
    request: { method: 'POST', url: '/login' },
    response: { status: 302, setCookie: ['connect.sid=s%3Aabc.sig; Path=/; HttpOnly'] },
    middleware: { kind: 'express-session', store: 'MemoryStore' },
    session: {
      before: { views: 1 },
      after: { views: 1, user: 'ann' },
      idBefore: 'a',
      idAfter: 'b',
      change: 'regenerated',
    },
    cookie: null,
    sizes: { sessionBefore: 11, sessionAfter: 24, sessionCookie: 20 },
    storeTtlMs: null,
    redacted: [],
    truncated: false,
    errors: [],
    ...overrides,
  };
}
