import type { IncomingMessage, ServerResponse } from 'node:http';
import { KEY_ID_HEADER, REF_ID_PATTERN } from '../../protocol/src/index.js';
import type { KeyRing } from './keyring.js';
import type { PayloadStore } from './payload-store.js';

/**
 * `GET {mountPath}/payload/:id`: the ciphertext of a by-reference payload.
 * Answered before the session middleware runs, so fetching never loads, saves
 * or touches the app's session. Every miss looks the same (404, same body), so
 * the endpoint does not tell a wrong kid from an unknown id.
 */
export function payloadEndpoint(mountPath: string, ring: KeyRing, store: PayloadStore) {
  const prefix = `${mountPath}/payload/`;

  function matches(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(prefix);
  }

  function send(res: ServerResponse, status: number, body: string): void {
    res.statusCode = status;
    res.setHeader('Cache-Control', 'no-store');
    // The body is only ciphertext for the paired key; the Firefox panel fetches from an extension origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET');
      res.setHeader('Access-Control-Allow-Headers', KEY_ID_HEADER);
      res.setHeader('Access-Control-Max-Age', '600');
      res.end();
      return;
    }
    const id = (req.url ?? '').slice(prefix.length).split('?', 1)[0] ?? '';
    let jwe: string | undefined;
    if (req.method === 'GET' && REF_ID_PATTERN.test(id)) {
      const key = await ring.lookup(req.headers[KEY_ID_HEADER.toLowerCase()]);
      try {
        if (key) jwe = await store.get(id, key.kid);
      } catch {
        // A store outage (Redis down) is ours to report, not the app's error handler's.
        send(res, 503, 'Payload store unavailable\n');
        return;
      }
    }
    if (jwe === undefined) send(res, 404, 'Not Found\n');
    else send(res, 200, jwe);
  }

  return { matches, handle };
}
