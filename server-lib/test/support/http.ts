import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  openPayload,
  parseDebugHeader,
  type DebugPayload,
  type DeveloperKey,
} from '../../../protocol/src/index.js';

/** Starts a request listener on an ephemeral loopback port for one test. */
export async function listen(app: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  setCookie: string[];
  body: string;
  debugHeader: string | null;
}

/**
 * A browser-like client: one cookie jar, no redirect following (each request
 * is one observation), optional key id header like the extension sends.
 */
export class Client {
  readonly jar = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly kid?: string,
  ) {}

  get cookieHeader(): string {
    return [...this.jar].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const res = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.jar.size ? { cookie: this.cookieHeader } : {}),
        ...(this.kid ? { 'x-sessionscope-kid': this.kid } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookie = res.headers.getSetCookie();
    for (const line of setCookie) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      // An expired or emptied cookie is a deletion, as in a browser.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return {
      status: res.status,
      headers: res.headers,
      setCookie,
      body: await res.text(),
      debugHeader: res.headers.get('x-sessionscope'),
    };
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string> = {}): Promise<Reply> {
    return this.request('POST', path, form);
  }
}

/** Decrypts a reply's debug header with `key`, fetching by-reference payloads with the kid. */
export async function payloadOf(reply: Reply, baseUrl: string, key: DeveloperKey): Promise<DebugPayload> {
  if (!reply.debugHeader) throw new Error('the reply has no X-Sessionscope header');
  const header = parseDebugHeader(reply.debugHeader);
  if (header.kind === 'inline') return openPayload(header.jwe, [key]);
  const res = await fetch(baseUrl + header.url, { headers: { 'x-sessionscope-kid': key.kid } });
  if (res.status !== 200) throw new Error(`by-reference fetch answered ${res.status}`);
  return openPayload(await res.text(), [key]);
}
