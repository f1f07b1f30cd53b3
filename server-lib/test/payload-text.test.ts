import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  DEFAULT_REDACT,
  encodeTyped,
  jsonText,
  redactPredicate,
  type TypedValue,
} from '../../protocol/src/index.js';
import { buildPayload } from '../src/build-payload.js';
import { withoutValues } from '../src/debug-header.js';
import { plainCopy, sideOf } from '../src/session-data.js';
import { samplePayload } from '../../protocol/src/sample-payload.js';
import { payloadText } from '../src/payload-text.js';

function nested(depth: number): TypedValue {
  let node: TypedValue = 1;
  for (let i = 0; i < depth; i++) node = { x: node };
  return node;
}

test('payloadText is jsonText at any depth: JSON.stringify, and past its stack the explicit printer', () => {
  for (const depth of [1, 30, 3_000, 20_000]) {
    const payload = samplePayload();
    payload.session.after = nested(depth);
    const text = payloadText(payload);
    expect(text).toBe(jsonText(payload as unknown as TypedValue));
    expect(text.length).toBeGreaterThan(depth * 6);
  }
  // The deepest one is past JSON.stringify's recursion: the fallback really ran.
  const deep = samplePayload();
  deep.session.after = nested(20_000);
  expect(() => JSON.stringify(deep)).toThrow(RangeError);
});

/**
 * The payload text splices each side's JSON, printed once in sideOf (which also takes the size
 * from it when the encoding is exact), instead of printing the whole payload. Over generated
 * sessions and request facts: the same sizes as the old rule (JSON.stringify of the copy), and
 * the same bytes as JSON.stringify(payload).
 */
const sessionArb = fc.oneof(
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.dictionary(
    fc.oneof(fc.string(), fc.constantFrom('password', '__proto__', 'cookie', '$ss', 'toJSON')),
    fc.anything({
      maxDepth: 3,
      withMap: true,
      withSet: true,
      withDate: true,
      withBigInt: true,
      withBoxedValues: true,
    }),
    { maxKeys: 6 },
  ),
);
const ctxArb = fc.record({
  redact: fc.constantFrom(redactPredicate(DEFAULT_REDACT), redactPredicate(false)),
  limits: fc.constantFrom({}, { maxString: 5, maxItems: 2 }),
});

function oldBytes(session: object): number {
  const copy = plainCopy(session, 'cookie');
  let text: string;
  try {
    text = JSON.stringify(copy);
  } catch {
    text = JSON.stringify(encodeTyped(copy).value);
  }
  return Buffer.byteLength(text, 'utf8');
}

test('payloadText with the sides spliced is JSON.stringify(payload), and sizes are as before', () => {
  fc.assert(
    fc.property(
      fc.option(sessionArb, { nil: undefined }),
      fc.option(sessionArb, { nil: undefined }),
      ctxArb,
      fc.record({
        url: fc.webPath(),
        setCookie: fc.array(fc.string(), { maxLength: 3 }),
        storeTtlMs: fc.option(fc.nat(), { nil: undefined }),
        status: fc.integer({ min: 100, max: 599 }),
      }),
      (beforeSession, afterSession, ctx, f) => {
        const before = sideOf(beforeSession, 'a', ctx);
        const after = sideOf(afterSession, 'b', ctx);
        if (beforeSession) expect(before.bytes).toBe(oldBytes(beforeSession));
        if (afterSession) expect(after.bytes).toBe(oldBytes(afterSession));
        const seen = {
          kind: 'express-session' as const,
          store: 'MemoryStore',
          before,
          after,
          cookie: null,
          cookieName: 'connect.sid',
          storeTtlMs: null,
        };
        const payload = buildPayload(
          {
            startedAt: 1,
            sealedAt: 2,
            method: 'GET',
            url: f.url,
            status: f.status,
            setCookie: f.setCookie,
            errors: [],
          },
          seen,
          ctx.redact,
        );
        (payload as { storeTtlMs?: number | null }).storeTtlMs = f.storeTtlMs;
        expect(payloadText(payload, seen)).toBe(JSON.stringify(payload));
        // A payload rebuilt without the values prints what it holds, not the spliced texts.
        const stripped = withoutValues(payload, { code: 'ERR_STORE_UNAVAILABLE', message: 'm' });
        expect(payloadText(stripped, seen)).toBe(JSON.stringify(stripped));
      },
    ),
    { numRuns: 1500 },
  );
});
