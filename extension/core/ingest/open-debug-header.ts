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

export type Opened = { ok: true; payload: DebugPayload } | { ok: false; code: ErrorCode; message: string };

/** Fetches text; injected so that this stays pure (the extension passes `fetch`). */
export type FetchText = (url: string, headers: Record<string, string>) => Promise<{ status: number; text: string }>;

/**
 * From the X-Sessionscope header value of a response to a validated payload, or a
 * readable error. By-reference payloads are fetched from the request's own origin.
 */
export async function openDebugHeader(
  headerValue: string,
  requestUrl: string,
  key: DeveloperKey | null,
  fetchText: FetchText,
): Promise<Opened> {
  try {
    const header = parseDebugHeader(headerValue);
    if (!key) throw new SessionscopeError('ERR_KEY_UNKNOWN', 'The response carries a debug payload but this panel is not paired: paste the pairing string.');
    let jwe: string;
    if (header.kind === 'inline') {
      jwe = header.jwe;
    } else {
      const url = new URL(header.url, requestUrl);
      if (url.origin !== new URL(requestUrl).origin) {
        throw new SessionscopeError('ERR_HEADER_MALFORMED', 'Malformed X-Sessionscope header: ref url leaves the origin.');
      }
      const res = await fetchText(url.href, { [KEY_ID_HEADER]: key.kid }).catch((error: unknown) => {
        throw new SessionscopeError('ERR_REF_FETCH', `Could not fetch the by-reference payload: ${describeError(error).message}`);
      });
      if (res.status === 404) {
        throw new SessionscopeError('ERR_REF_FETCH', 'The by-reference payload is gone (expired after its TTL, or another key): reload to record it again.');
      }
      if (res.status !== 200) throw new SessionscopeError('ERR_REF_FETCH', `The by-reference payload fetch answered HTTP ${res.status}.`);
      if (!isCompactJwe(res.text.trim())) throw new SessionscopeError('ERR_REF_FETCH', 'The by-reference endpoint did not return a compact JWE.');
      jwe = res.text.trim();
    }
    return { ok: true, payload: await openPayload(jwe, [key]) };
  } catch (error) {
    return { ok: false, ...describeError(error) };
  }
}
