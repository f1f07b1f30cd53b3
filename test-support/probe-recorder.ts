import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEY_ID_HEADER } from '../protocol/src/constants.js';
import { answerProbe } from '../demo-app/src/routes/third-party.js';

/** One request as it reached a server: which host name it was sent to, and the key id it carried. */
export interface SeenRequest {
  /** The Host header: the origin the browser meant (several names map to one loopback server). */
  host: string;
  method: string;
  path: string;
  /** The X-Sessionscope-Kid value, or null when the request had none. */
  kid: string | null;
}

/** Reads what a request carried; for the demo's `onRequest` and for the recorder below. */
export function seenRequest(req: IncomingMessage): SeenRequest {
  const kid = req.headers[KEY_ID_HEADER.toLowerCase()];
  return {
    host: req.headers.host ?? '',
    method: req.method ?? '',
    path: req.url ?? '',
    kid: typeof kid === 'string' ? kid : null,
  };
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ProbeRecorder {
  port: number;
  /** Every request received, in arrival order (CORS preflights included). */
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A "third party" on loopback: answers the demo's /third-party probe paths like a CDN or tracker
 * would (CORS wide open, so nothing but the browser stops a key id from arriving), answers
 * `routes` (exact paths) with the given handlers, and records every request it receives.
 */
export async function startProbeRecorder(routes: Record<string, Handler> = {}): Promise<ProbeRecorder> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push(seenRequest(req));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'GET, POST',
      });
      res.end();
      return;
    }
    const route = routes[path];
    if (route) return route(req, res);
    const probe = /^\/third-party\/asset\/([a-z]+)$/.exec(path);
    answerProbe(req, res, probe?.[1] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
