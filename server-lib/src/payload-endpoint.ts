import type { IncomingMessage, ServerResponse } from 'node:http';
import { KEY_ID_HEADER, REF_ID_PATTERN } from '../../protocol/src/index.js';
import type { KeyRing, RingKey } from './keyring.js';
import type { References } from './references.js';

const KID = KEY_ID_HEADER.toLowerCase();

export interface Claim {
  id: string;
  key: RingKey;
}

/**
 * `GET {mountPath}/payload/:id` with a known key id: the ciphertext of a by-reference
 * payload, once (security review, issue 11 item 7).
 *
 * The endpoint exists only for a request that names a configured key: anything else on
 * that path (no or unknown key id, another method, a malformed id, OPTIONS) is the app's
 * request, untouched. Every miss with a known key id (unknown or expired id, another key's
 * id, an id already fetched, the store down) is handed to the app the same way, unobserved:
 * one answer for all of them, the app's own, which is also what a client without a key
 * gets. A hit never loads or touches the session (answered before the session middleware)
 * and deletes the entry. No CORS headers: the panel fetches from its extension page with
 * host permissions, which both browsers exempt from CORS, and nothing here is meant for
 * a page.
 */
export function payloadEndpoint(
  mountPath: string,
  ring: KeyRing,
  refs: References,
  log: (m: string) => void,
) {
  const prefix = `${mountPath}/payload/`;

  function claim(req: IncomingMessage): Claim | undefined {
    if (req.method !== 'GET') return undefined;
    const url = req.url ?? '';
    if (!url.startsWith(prefix)) return undefined;
    const key = ring.lookup(req.headers[KID]);
    if (!key) return undefined;
    const id = url.slice(prefix.length).split('?', 1)[0] ?? '';
    return REF_ID_PATTERN.test(id) ? { id, key } : undefined;
  }

  /** Answers with the entry and resolves true, or leaves the response alone and resolves false. */
  async function serve({ id, key }: Claim, res: ServerResponse): Promise<boolean> {
    let jwe: string | undefined;
    try {
      jwe = await refs.take(id, key.kid);
    } catch (error) {
      log(`by-reference store unavailable on fetch: ${String(error)}`);
      return false;
    }
    if (jwe === undefined) return false;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(jwe));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Vary', KEY_ID_HEADER);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(jwe);
    return true;
  }

  return { claim, serve };
}
