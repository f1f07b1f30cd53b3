import { expect, test } from 'vitest';
import fc from 'fast-check';
import { formatInlineHeader, generateKey, sealPayload } from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import { openDebugHeader, type FetchText } from './open-debug-header.js';

const CODES = [
  'ERR_HEADER_MALFORMED',
  'ERR_PROTOCOL_VERSION',
  'ERR_DECRYPT',
  'ERR_KEY_UNKNOWN',
  'ERR_PAYLOAD_MALFORMED',
  'ERR_REF_FETCH',
];
const junkFetch: FetchText = async (url) => ({ status: 200, text: 'x.y.z.w.v', redirected: false, url });

test('fuzzed debug headers: always a result with a known error code, never a throw', async () => {
  const key = await generateKey();
  const valid = formatInlineHeader(await sealPayload(samplePayload(), key));
  const header = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    // Mutations of a real header: truncations, splices, duplicated fields.
    fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
    fc
      .tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 8 }))
      .map(([n, s]) => valid.slice(0, n) + s + valid.slice(n + s.length)),
    fc.constantFrom(
      `${valid}; jwe=x`,
      valid.replace('v=1', 'v=01'),
      valid.replace('jwe=', 'ref='),
      `v=1; ref=${'A'.repeat(43)}; url=/x`,
    ),
  );
  await fc.assert(
    fc.asyncProperty(header, async (value) => {
      const result = await openDebugHeader(value, 'http://localhost:3000/', key, junkFetch, [
        'http://localhost:3000',
      ]);
      if (!result.ok) expect(CODES).toContain(result.code);
      else expect(result.payload.v).toBe(1);
    }),
    { numRuns: 1500 },
  );
});
