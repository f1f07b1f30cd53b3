export { generateKey, openPayload, sealPayload } from '../../../protocol/src/index.js';
import type { DebugPayload } from '../../../protocol/src/index.js';

/** A small but complete v1 payload. */
export const SAMPLE_PAYLOAD_FOR_TESTS: DebugPayload = {
  v: 1,
  requestId: 'r1',
  startedAt: 1,
  sealedAt: 2,
  request: { method: 'GET', url: '/' },
  response: { status: 200, setCookie: ['connect.sid=s%3Aabc.sig; Path=/; HttpOnly'] },
  middleware: { kind: 'express-session', store: 'MemoryStore' },
  session: {
    before: null,
    after: { views: 1, name: 'Zoë 🍪' },
    idBefore: null,
    idAfter: 'abc',
    change: 'new',
  },
  cookie: null,
  sizes: { sessionBefore: null, sessionAfter: 30, sessionCookie: 25 },
  storeTtlMs: null,
  redacted: [],
  truncated: false,
  errors: [],
};
