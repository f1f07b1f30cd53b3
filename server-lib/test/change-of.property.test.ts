/**
 * `changeOf` used to print both sides' fingerprints (canonicalJson, keys sorted) and compare the
 * strings; it now compares the trees (sameCanonical) and only when the rule reaches the data.
 * Over generated sessions, redacted and cut or not, it answers as the printed comparison did.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson, encodeTyped, fingerprintOf, sessionChange } from '../../protocol/src/index.js';
import { changeOf } from '../src/build-payload.js';
import { plainCopy, sideOf, type EncodeContext } from '../src/session-data.js';

/** The fingerprint sideOf computed before this change, kept here as the oracle. */
function oldFingerprint(session: object, ctx: EncodeContext): string {
  const copy = plainCopy(session, 'cookie');
  const encoded = encodeTyped(copy, ctx);
  return encoded.redacted.length === 0 && !encoded.truncated
    ? canonicalJson(encoded.value)
    : fingerprintOf(copy);
}

const keyArb = fc.constantFrom('views', 'user', 'password', 'token', 'cart', 'a', 'b', '__proto__');
const sessionArb = fc.dictionary(
  keyArb,
  fc.anything({ maxDepth: 3, withMap: true, withSet: true, withDate: true, withBigInt: true }),
  { maxKeys: 5 },
);

/** After = before with keys reordered and maybe one key changed, or an unrelated session. */
const pairArb = fc.oneof(
  fc.tuple(sessionArb, sessionArb),
  fc
    .tuple(sessionArb, fc.boolean(), keyArb, fc.jsonValue({ maxDepth: 2 }))
    .map(([before, change, key, v]) => {
      const after = plainCopy(before, '');
      const reordered = plainCopy(Object.fromEntries(Object.entries(after).reverse()), '');
      if (change) Object.defineProperty(reordered, key, { value: v, enumerable: true, writable: true });
      return [before, reordered] as [Record<string, unknown>, Record<string, unknown>];
    }),
);

test('changeOf answers as the printed fingerprints did, redacted and cut or not', () => {
  fc.assert(
    fc.property(pairArb, fc.boolean(), fc.boolean(), ([before, after], redacting, cutting) => {
      const ctx: EncodeContext = {
        redact: redacting ? (name) => name === 'password' || name === 'token' : () => false,
        limits: cutting ? { maxString: 4, maxItems: 2, maxDepth: 2 } : {},
      };
      const oldChange = sessionChange(
        { exists: true, id: 'same', fingerprint: oldFingerprint(before, ctx) },
        { exists: true, id: 'same', fingerprint: oldFingerprint(after, ctx) },
      );
      expect(changeOf(sideOf(before, 'same', ctx), sideOf(after, 'same', ctx))).toBe(oldChange);
    }),
    { numRuns: 2000 },
  );
});
