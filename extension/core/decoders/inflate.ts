/**
 * zlib inflate with a ceiling, for Flask's `.`-prefixed (compressed) session payloads.
 *
 * fflate because it is pure ES (no Node zlib, no DecompressionStream, which is async and absent from
 * the pure core's contract), small (~8 kB, tree-shaken to the inflater), dependency-free, typed, and
 * has a streaming inflater: feeding it small chunks lets us stop as soon as the output passes the
 * limit, so a 4 kB zip bomb costs at most ~1 MB of work instead of the ~4 MB-per-kB it could expand
 * to. (pako is larger; tiny-inflate needs the output size up front, which zlib does not store.)
 */

import { Unzlib } from 'fflate';
import { fail, LIMITS, type DecodeFailure } from './result.js';

/** Each pushed chunk inflates to at most ~1032x its size, bounding the overshoot past the limit. */
const CHUNK = 256;

export function inflateZlib(
  data: Uint8Array,
  maxBytes: number = LIMITS.maxInflatedBytes,
): { ok: true; bytes: Uint8Array } | DecodeFailure {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const stream = new Unzlib((chunk, final) => {
    parts.push(chunk);
    total += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += CHUNK) {
      const last = at + CHUNK >= data.length;
      stream.push(data.subarray(at, at + CHUNK), last);
      if (total > maxBytes) {
        return fail(
          'ERR_INFLATE_LIMIT',
          `Compressed payload inflates past ${maxBytes} bytes; stopped there.`,
        );
      }
      if (last) break;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('ERR_INFLATE', `Compressed payload is not valid zlib data (${reason}).`);
  }
  if (!ended) return fail('ERR_INFLATE', 'Compressed payload ends before the zlib stream does.');
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { ok: true, bytes };
}
