/**
 * What a paired request adds in CPU, without the network: the same express-session middleware
 * with and without sessionscope(), driven in this process on Node's own IncomingMessage and
 * ServerResponse with no socket (the response's bytes go nowhere). Loopback, the kernel and the
 * load generator are left out, so the figure is the middleware's own work plus the GC it causes,
 * steadier than bench/server.ts on a shared machine. Rounds alternate; medians printed. Not a test.
 *
 * Runs the built package (server-lib/dist); BENCH_LIB=<path to index.js> runs another build
 * (e.g. an older one, side by side).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import session from 'express-session';
import { KEY_ID_HEADER, generateKey } from '../protocol/src/index.js';

type Middleware = (req: any, res: any, next: (err?: unknown) => void) => void;

const libPath = resolve(process.env.BENCH_LIB ?? 'server-lib/dist/index.js');
const { sessionscope } = (await import(
  pathToFileURL(libPath).href
)) as typeof import('../server-lib/src/index.js');
const N = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const key = await generateKey();
const socket = new Socket();

/** One request through `mw`; resolves with the session cookie to send next time. */
function request(mw: Middleware, cookie: string | undefined, filler: string): Promise<string | undefined> {
  return new Promise((done) => {
    const req = new IncomingMessage(socket) as IncomingMessage & { session: any };
    req.method = 'GET';
    req.url = '/';
    req.headers = { ...(cookie ? { cookie } : {}), [KEY_ID_HEADER.toLowerCase()]: key.kid };
    const res = new ServerResponse(req) as unknown as ServerResponse & {
      _send(): boolean;
      _writeRaw(): boolean;
    };
    // No socket: the bytes are dropped, the header machinery (and every writeHead hook) still runs.
    res._send = () => true;
    res._writeRaw = () => true;
    res.end = function (this: ServerResponse) {
      if (!this.headersSent) this.writeHead(this.statusCode);
      done(String(this.getHeader('set-cookie') ?? '').split(';')[0] || cookie);
      return this;
    } as unknown as typeof res.end;
    mw(req, res, () => {
      req.session.views = (req.session.views ?? 0) + 1;
      req.session.filler ??= filler;
      res.setHeader('Content-Type', 'text/plain');
      res.end('views');
    });
  });
}

/** CPU µs per request over N requests of one session (after a warm-up). */
async function cpuPerRequest(mw: Middleware, filler: string, n: number): Promise<number> {
  let cookie = await request(mw, undefined, filler);
  for (let i = 0; i < Math.min(3000, n); i++) cookie = await request(mw, cookie, filler);
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await request(mw, cookie, filler);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(
  `server-lib in process (${libPath}): ${ROUNDS} alternating rounds × ${N} paired requests per side (64 KB: a tenth)`,
);
for (const kb of [1, 64]) {
  const filler = 'x'.repeat(kb * 1024 - 40);
  const plain = session({ secret: 'bench-secret', resave: false, saveUninitialized: false }) as Middleware;
  const wrapped = sessionscope(plain, { keys: [key.pairing], enabled: true, logger: () => {} });
  const without: number[] = [];
  const withMw: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // 64 KB requests cost ~20× more: fewer of them.
    const n = kb > 1 ? Math.ceil(N / 10) : N;
    without.push(await cpuPerRequest(plain, filler, n));
    withMw.push(await cpuPerRequest(wrapped, filler, n));
  }
  const added = withMw.map((w, i) => w - without[i]!);
  console.log(
    `key id, ${kb} KB session: CPU µs/request without ${median(without).toFixed(1)} → with ${median(withMw).toFixed(1)}, ` +
      `added ${median(added).toFixed(1)} µs (rounds ${Math.min(...added).toFixed(0)}–${Math.max(...added).toFixed(0)})`,
  );
}
