import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

/**
 * A raw HTTP/1.1 server over net and tls: Node's http module refuses control characters and
 * NUL in header values, and the corpus needs exactly those bytes on the wire. One request per
 * connection (`Connection: close`), GET only, loopback only.
 */

export interface Planned {
  setCookie: string[];
  /** Seconds the Date header is off the real clock; null: no Date header. */
  dateOffsetSec: number | null;
  padHeaderBytes: number;
}

export interface Served {
  /** Epoch ms the response was written. */
  sentAt: number;
  /** The Date header sent, or null. */
  date: string | null;
  /** The Set-Cookie values exactly as sent (placeholders expanded). */
  setCookie: string[];
  /** Bytes of the whole response header block. */
  headerBytes: number;
}

export const HOSTS = { public: 'app.example.com', top: 'news.example.net', psl: 'user.github.io' } as const;

export interface OracleServer {
  httpPort: number;
  httpsPort: number;
  /** Registers what /oracle/set/<token> answers; resolves when it was served. */
  plan(token: string, planned: Planned): Promise<Served>;
  /** Registers /oracle/top/<token>: a page framing `frameUrl`; resolves once the frame loaded. */
  frame(token: string, frameUrl: string): Promise<void>;
  /** The Cookie header /oracle/set/echo-<token> received (null: none); resolves when it came. */
  echo(token: string): Promise<string | null>;
  close(): Promise<void>;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function expand(header: string, dateMs: number): string {
  return header.replace(/\{\{date:(-?\d+)\}\}/g, (_, s: string) => httpDate(dateMs + Number(s) * 1000));
}

function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-oracle-cert-'));
  const san = [
    'DNS:localhost',
    `DNS:${HOSTS.public}`,
    `DNS:${HOSTS.top}`,
    `DNS:${HOSTS.psl}`,
    'IP:127.0.0.1',
  ].join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=cookie-oracle',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

interface Waiter<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function waiter<T>(): Waiter<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export async function startOracleServer(): Promise<OracleServer> {
  const plans = new Map<string, { planned: Planned; served: Waiter<Served> }>();
  const frames = new Map<string, { url: string; loaded: Waiter<void> }>();
  const echoes = new Map<string, Waiter<string | null>>();

  function respond(socket: net.Socket, head: string): void {
    // Header bytes are read as UTF-8: browsers send cookie names and values as the bytes they were set with.
    const [requestLine = '', ...lines] = head.split('\r\n');
    const path = requestLine.split(' ')[1] ?? '/';
    const cookie =
      lines
        .find((l) => /^cookie:/i.test(l))
        ?.slice(7)
        .trim() ?? null;
    const write = (status: string, headers: string[], body: string): number => {
      const bodyBytes = Buffer.from(body, 'utf8');
      const block = Buffer.from(
        [
          `HTTP/1.1 ${status}`,
          ...headers,
          `Content-Length: ${bodyBytes.length}`,
          'Connection: close',
          'Cache-Control: no-store',
          '',
          '',
        ].join('\r\n'),
        'utf8',
      );
      socket.end(Buffer.concat([block, bodyBytes]));
      return block.length;
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/oracle\/set\/echo-([\w-]+)/.exec(path))) {
      echoes.get(m[1]!)?.resolve(cookie);
      write('200 OK', ['Content-Type: text/plain'], 'echo');
    } else if ((m = /^\/oracle\/set\/([\w-]+)/.exec(path)) && plans.has(m[1]!)) {
      const { planned, served } = plans.get(m[1]!)!;
      const now = Date.now();
      const dateMs = now + (planned.dateOffsetSec ?? 0) * 1000;
      const setCookie = planned.setCookie.map((h) => expand(h, dateMs));
      const date = planned.dateOffsetSec === null ? null : httpDate(dateMs);
      const headers = ['Content-Type: text/html; charset=utf-8'];
      if (date) headers.push(`Date: ${date}`);
      if (planned.padHeaderBytes > 0) headers.push(`X-Pad: ${'p'.repeat(planned.padHeaderBytes)}`);
      for (const value of setCookie) headers.push(`Set-Cookie: ${value}`);
      const headerBytes = write('200 OK', headers, '<!doctype html><title>set</title>set');
      served.resolve({ sentAt: now, date, setCookie, headerBytes });
    } else if ((m = /^\/oracle\/top\/([\w-]+)/.exec(path)) && frames.has(m[1]!)) {
      const token = m[1]!;
      const { url } = frames.get(token)!;
      write(
        '200 OK',
        ['Content-Type: text/html; charset=utf-8'],
        `<!doctype html><title>top</title><iframe src="${url}" onload="fetch('/oracle/done/${token}')"></iframe>`,
      );
    } else if ((m = /^\/oracle\/done\/([\w-]+)/.exec(path))) {
      frames.get(m[1]!)?.loaded.resolve();
      write('204 No Content', [], '');
    } else {
      write('404 Not Found', ['Content-Type: text/plain'], 'not found');
    }
  }

  function onConnection(socket: net.Socket): void {
    let buffer = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.removeAllListeners('data');
      respond(socket, buffer.subarray(0, end).toString('utf8'));
    });
  }

  const { key, cert } = certificate();
  const servers = [net.createServer(onConnection), tls.createServer({ key, cert }, onConnection)];
  const listen = (server: net.Server, host: string, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as net.AddressInfo).port));
    });
  const httpPort = await listen(servers[0]!, '127.0.0.1', 0);
  const httpsPort = await listen(servers[1]!, '127.0.0.1', 0);
  // localhost may resolve to ::1 first (Firefox): answer there too, same ports.
  const v6 = [net.createServer(onConnection), tls.createServer({ key, cert }, onConnection)];
  await listen(v6[0]!, '::1', httpPort).catch(() => undefined);
  await listen(v6[1]!, '::1', httpsPort).catch(() => undefined);
  servers.push(...v6);

  return {
    httpPort,
    httpsPort,
    plan(token, planned) {
      const served = waiter<Served>();
      plans.set(token, { planned, served });
      return served.promise;
    },
    frame(token, url) {
      const loaded = waiter<void>();
      frames.set(token, { url, loaded });
      return loaded.promise;
    },
    echo(token) {
      const w = waiter<string | null>();
      echoes.set(token, w);
      return w.promise;
    },
    close: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))),
      );
    },
  };
}
