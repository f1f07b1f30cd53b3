import {
  KEY_ID_HEADER,
  SessionscopeError,
  describeError,
  isCompactJwe,
  openPayload,
  parseDebugHeader,
  type DebugPayload,
  type DeveloperKey,
  type ErrorCode,
} from '../../../protocol/src/index.js';
import { isCovered, originOf } from '../attach/origins.js';

/** The panel's own code for a header it refuses to act on (not a wire error: no server sends it). */
export const ERR_ORIGIN_NOT_PAIRED = 'ERR_ORIGIN_NOT_PAIRED';

export type Opened =
  | { ok: true; payload: DebugPayload }
  | { ok: false; code: ErrorCode | typeof ERR_ORIGIN_NOT_PAIRED; message: string };

/**
 * What a by-reference fetch answered. `redirected`: the server answered with a redirect (the
 * extension fetches with `redirect: 'manual'`, so it was not followed); `url`: the URL that
 * answered ('' when the platform does not say).
 */
export interface FetchedText {
  status: number;
  text: string;
  redirected: boolean;
  url: string;
}

/** Fetches text without following redirects; injected so that this stays pure (the extension passes `fetch`). */
export type FetchText = (url: string, headers: Record<string, string>) => Promise<FetchedText>;

class NotPaired extends Error {}

/**
 * From the X-Sessionscope header value of a response to a validated payload, or a
 * readable error. Only responses from `pairedOrigins` are read: the key id goes nowhere
 * else, so a debug header from another origin is forged or stale and is not acted on
 * (no fetch, no decryption). By-reference payloads are fetched from the request's own
 * origin, once, never following a redirect: the key id header would go wherever it points.
 */
export async function openDebugHeader(
  headerValue: string,
  requestUrl: string,
  key: DeveloperKey | null,
  fetchText: FetchText,
  pairedOrigins: readonly string[],
): Promise<Opened> {
  try {
    const header = parseDebugHeader(headerValue);
    if (!key)
      throw new SessionscopeError(
        'ERR_KEY_UNKNOWN',
        'The response carries a debug payload but this panel is not paired: paste the pairing string.',
      );
    if (!isCovered(requestUrl, pairedOrigins)) {
      throw new NotPaired(
        `Ignored: this debug header came from ${originOf(requestUrl) ?? requestUrl}, which is not a paired origin. The key id never goes there, so the server did not send it to you; nothing was fetched.`,
      );
    }
    let jwe: string;
    if (header.kind === 'inline') {
      jwe = header.jwe;
    } else {
      const url = new URL(header.url, requestUrl);
      if (url.origin !== new URL(requestUrl).origin) {
        throw new SessionscopeError(
          'ERR_HEADER_MALFORMED',
          'Malformed X-Sessionscope header: ref url leaves the origin.',
        );
      }
      const res = await fetchText(url.href, { [KEY_ID_HEADER]: key.kid }).catch((error: unknown) => {
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          `Could not fetch the by-reference payload: ${describeError(error).message}`,
        );
      });
      if (res.redirected || (res.status >= 300 && res.status < 400)) {
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          `The by-reference url ${url.pathname} answered with a redirect: refused, never followed (the key id would go wherever it points).`,
        );
      }
      if (res.url !== '' && res.url !== url.href) {
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          `The by-reference payload came from ${res.url}, not ${url.href}: refused.`,
        );
      }
      if (res.status === 404) {
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          'The by-reference payload is gone (expired after its TTL, or another key): reload to record it again.',
        );
      }
      if (res.status !== 200)
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          `The by-reference payload fetch answered HTTP ${res.status}.`,
        );
      if (!isCompactJwe(res.text.trim()))
        throw new SessionscopeError(
          'ERR_REF_FETCH',
          'The by-reference endpoint did not return a compact JWE.',
        );
      jwe = res.text.trim();
    }
    return { ok: true, payload: await openPayload(jwe, [key]) };
  } catch (error) {
    if (error instanceof NotPaired) return { ok: false, code: ERR_ORIGIN_NOT_PAIRED, message: error.message };
    return { ok: false, ...describeError(error) };
  }
}
