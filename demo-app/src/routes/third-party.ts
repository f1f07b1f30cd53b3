import type { IncomingHttpHeaders } from 'node:http';
import { Router, type Request } from 'express';
import { KEY_ID_HEADER } from '../../../protocol/src/constants.js';
import { escape, page } from '../html.js';
import type { StoreMode } from '../session-access.js';

/** The request kinds a page makes to other hosts; each has a DNR resource type of its own. */
export const PROBE_KINDS = ['frame', 'script', 'style', 'image', 'fetch', 'beacon'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** Where a page loads a probe of `kind` from on `origin` (the demo and the e2e recorder serve these paths). */
export function probeUrl(origin: string, kind: ProbeKind | 'page'): string {
  return `${origin}/third-party/asset/${kind}`;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Answers a probe the way a real third party would (an HTML frame, JS, CSS, an image, CORS-open
 * text), and says on the frame and page whether the request carried a key id: opening
 * /third-party in a paired tab shows at a glance which hosts the key id reached.
 */
export function answerProbe(req: { headers: IncomingHttpHeaders }, res: ProbeResponse, kind: string): void {
  const kid = req.headers[KEY_ID_HEADER.toLowerCase()] !== undefined;
  const seen = `<p data-testid="probe-kid">${kid ? 'This request carried a key id.' : 'No key id reached this host.'}</p>`;
  const head: Record<string, string> = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
  switch (kind) {
    case 'frame':
    case 'page':
      return send(
        res,
        200,
        { ...head, 'content-type': 'text/html; charset=utf-8' },
        `<!doctype html><title>probe</title>${seen}`,
      );
    case 'script':
      return send(res, 200, { ...head, 'content-type': 'text/javascript' }, '/* third-party script */');
    case 'style':
      return send(res, 200, { ...head, 'content-type': 'text/css' }, '/* third-party style */');
    case 'image':
      return send(res, 200, { ...head, 'content-type': 'image/gif' }, GIF);
    case 'fetch':
      return send(res, 200, { ...head, 'content-type': 'text/plain' }, kid ? 'key id seen' : 'no key id');
    case 'beacon':
      return send(res, 204, head, '');
    default:
      return send(res, 404, head, 'no such probe');
  }
}

/** The node:http subset `answerProbe` writes to (so a plain http server can use it too). */
export interface ProbeResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string | Buffer): unknown;
}

function send(
  res: ProbeResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** The same demo server under its other loopback name: a real second origin with nothing to set up. */
function otherLoopbackOrigin(req: Request): string {
  const [host = '127.0.0.1', port] = (req.headers.host ?? '').split(':');
  const other = host === 'localhost' ? '127.0.0.1' : 'localhost';
  return `${req.protocol}://${other}${port ? `:${port}` : ''}`;
}

/** One origin's probes; '' is the app itself (relative URLs), the control that does get the key id. */
function probes(origin: string): string {
  const o = escape(origin === '' ? 'this app' : origin);
  return `<section data-testid="third-party-origin" data-origin="${escape(origin)}"><h2>${o}</h2>
<iframe src="${escape(probeUrl(origin, 'frame'))}" title="frame from ${o}" height="60"></iframe>
<script src="${escape(probeUrl(origin, 'script'))}"></script>
<link rel="stylesheet" href="${escape(probeUrl(origin, 'style'))}">
<img src="${escape(probeUrl(origin, 'image'))}" alt="pixel from ${o}" width="1" height="1">
<p><a href="${escape(probeUrl(origin, 'page'))}" data-testid="third-party-page">Go to a page on ${o}</a></p></section>`;
}

/**
 * `GET /third-party`: a page of the app that loads an iframe, a script, a stylesheet, an image,
 * a page-script fetch and a beacon from other origins, the way analytics and CDNs do. The key id
 * must reach none of them (SECURITY.md, "another site"); the app's own probes get it.
 * `elsewhere` lists the other origins (default: this server under its other loopback name).
 */
export function thirdPartyRoutes(
  mode: StoreMode,
  elsewhere?: readonly string[] | (() => readonly string[]),
): Router {
  const router = Router();
  router.get('/third-party', (req, res) => {
    const origins = (typeof elsewhere === 'function' ? elsewhere() : elsewhere) ?? [otherLoopbackOrigin(req)];
    const urls = origins.flatMap((o) => [probeUrl(o, 'fetch'), probeUrl(o, 'beacon')]);
    const body = `<p>Requests to other origins from this page. With the Sessions panel paired, none of them carries the key id;
the app's own origin does.</p>
${[...origins, ''].map(probes).join('\n')}
<script>
for (const [i, url] of ${JSON.stringify(urls).replace(/</g, '\\u003c')}.entries()) {
  if (i % 2 === 0) fetch(url).catch(() => {});
  else navigator.sendBeacon(url, 'probe');
}
fetch(${JSON.stringify(probeUrl('', 'fetch'))}).catch(() => {});
navigator.sendBeacon(${JSON.stringify(probeUrl('', 'beacon'))}, 'probe');
</script>`;
    res.send(page('Third-party requests', body, mode));
  });
  router.all('/third-party/asset/:kind', (req, res) => answerProbe(req, res, req.params.kind ?? ''));
  return router;
}
