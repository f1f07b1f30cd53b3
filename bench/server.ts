/**
 * Server overhead of server-lib, measured side by side in one run: the same app
 * with and without the middleware, each in its own process, loaded in turn by
 * autocannon over loopback. Prints ratios (with / without); not a test.
 *
 * Noise (a 2-core machine, loopback, GC) moves single runs by ±10 %, so each
 * case runs BENCH_ROUNDS rounds; a round loads both sides back to back (who goes
 * first alternates) and yields one ratio. The median ratio is the figure; the
 * spread (min–max) says how far to trust it.
 *
 * Throughput suffers from whatever else the machine runs; the app process's own
 * CPU time per request (utime + stime from /proc, Linux) hardly does. Both are
 * printed: `cpu ratio` = CPU per request without / with, i.e. the throughput
 * ratio an app bound by its own core would see.
 *
 * The app runs the built package (server-lib/dist, as users install it); BENCH_LIB=src
 * runs the sources through tsx instead (see bench-app.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEBUG_HEADER, KEY_ID_HEADER, generateKey, parseDebugHeader } from '../protocol/src/index.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LATENCY_BLOCKS = Number(process.env.BENCH_LATENCY_BLOCKS ?? 10);

interface Instance {
  port: number;
  child: ChildProcess;
}

async function startApp(mode: 'with' | 'without', kb: number, pairing: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/bench-app.ts', mode, String(kb), pairing],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench app exited with ${code}`)));
  });
  return { port: Number(line), child };
}

interface FirstReply {
  cookie: string;
  /** `X-Sessionscope: <value>` as it goes on the wire, in bytes; 0 without a header. */
  debugHeaderBytes: number;
  kind: 'inline' | 'ref' | 'none';
}

async function firstReply(port: number, headers: Record<string, string>): Promise<FirstReply> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
  await res.arrayBuffer();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // The second request carries the cookie: before and after both hold the session, as in steady state.
  const again = await fetch(`http://127.0.0.1:${port}/`, { headers: { ...headers, cookie } });
  await again.arrayBuffer();
  const debug = again.headers.get(DEBUG_HEADER);
  return {
    cookie,
    debugHeaderBytes: debug ? Buffer.byteLength(`${DEBUG_HEADER}: ${debug}`) : 0,
    kind: debug ? parseDebugHeader(debug).kind : 'none',
  };
}

/** CPU seconds (user + system) a process has used so far; Linux /proc, 10 ms ticks. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Load {
  rate: number;
  /** CPU microseconds of the app process per request. */
  cpuUs: number;
}

async function load(app: Instance, headers: Record<string, string>, seconds: number): Promise<Load> {
  const cpu0 = cpuSeconds(app.child.pid!);
  const result = await autocannon({
    url: `http://127.0.0.1:${app.port}/`,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
  });
  const cpu = cpuSeconds(app.child.pid!) - cpu0;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`bench saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return { rate: result.requests.average, cpuUs: (cpu * 1e6) / Math.max(1, result.requests.total) };
}

/**
 * Latency without queueing: one keep-alive connection, one request at a time, the two apps
 * taking turns in blocks so that load from elsewhere hits both alike. Microseconds per
 * request, from sending to the last byte.
 */
async function latencies(app: Instance, headers: Record<string, string>, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: app.port, path: '/', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    out.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  agent.destroy();
  return out;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function compare(label: string, kb: number, withKid: boolean): Promise<void> {
  const key = await generateKey();
  const [without, withMw] = await Promise.all([
    startApp('without', kb, key.pairing),
    startApp('with', kb, key.pairing),
  ]);
  try {
    const kidHeader: Record<string, string> = withKid ? { [KEY_ID_HEADER]: key.kid } : {};
    const a = await firstReply(without.port, kidHeader);
    const b = await firstReply(withMw.port, kidHeader);
    const runA = (seconds = DURATION_S) => load(without, { ...kidHeader, cookie: a.cookie }, seconds);
    const runB = (seconds = DURATION_S) => load(withMw, { ...kidHeader, cookie: b.cookie }, seconds);
    // Warm both (JIT, sockets) before measuring.
    await runA(1);
    await runB(1);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const ratesA: number[] = [];
    const ratesB: number[] = [];
    const cpuA: number[] = [];
    const cpuB: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let ra: Load;
      let rb: Load;
      if (round % 2 === 0) {
        ra = await runA();
        rb = await runB();
      } else {
        rb = await runB();
        ra = await runA();
      }
      ratesA.push(ra.rate);
      ratesB.push(rb.rate);
      ratios.push(rb.rate / ra.rate);
      cpuA.push(ra.cpuUs);
      cpuB.push(rb.cpuUs);
      cpuRatios.push(ra.cpuUs / rb.cpuUs);
    }
    // Added latency of the key-id path: p50 and p99 of the same app with and without.
    const latA: number[] = [];
    const latB: number[] = [];
    for (let block = 0; block < LATENCY_BLOCKS; block++) {
      latA.push(...(await latencies(without, { ...kidHeader, cookie: a.cookie }, 200)));
      latB.push(...(await latencies(withMw, { ...kidHeader, cookie: b.cookie }, 200)));
    }
    const lat = (xs: number[]) =>
      `p50 ${(percentile(xs, 50) / 1000).toFixed(3)} p99 ${(percentile(xs, 99) / 1000).toFixed(3)} ms`;
    const added = `added p50 ${((percentile(latB, 50) - percentile(latA, 50)) / 1000).toFixed(3)} ms, p99 ${((percentile(latB, 99) - percentile(latA, 99)) / 1000).toFixed(3)} ms`;
    const header = withKid
      ? `; header ${b.kind} ${b.debugHeaderBytes} B = ${(b.debugHeaderBytes / kb).toFixed(b.debugHeaderBytes / kb < 10 ? 1 : 0)} B per KB of session`
      : '';
    console.log(
      `${label.padEnd(34)} without ${median(ratesA).toFixed(0).padStart(6)} req/s   with ${median(ratesB).toFixed(0).padStart(6)} req/s   ` +
        `ratio ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})   ` +
        `cpu/req ${median(cpuA).toFixed(0)} → ${median(cpuB).toFixed(0)} µs, cpu ratio ${median(cpuRatios).toFixed(3)} ` +
        `(${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})${header}`,
    );
    console.log(`${''.padEnd(34)} latency without ${lat(latA)}, with ${lat(latB)}: ${added}`);
  } finally {
    without.child.kill();
    withMw.child.kill();
  }
}

if (process.env.BENCH_LIB !== 'src' && !existsSync('server-lib/dist/index.js'))
  throw new Error(
    'bench/server.ts measures the built package: run `npm --prefix server-lib run build` first.',
  );
const cases = (process.env.BENCH_CASES ?? 'nokid,kidhalf,kid1,kid64').split(',');
console.log(
  `server-lib overhead: autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION_S} s per side, loopback; ` +
    'median ratio (min–max over rounds)\n',
);
if (cases.includes('nokid')) await compare('no key id (every other request)', 1, false);
if (cases.includes('kidhalf')) await compare('key id, 0.5 KB session', 0.5, true);
if (cases.includes('kid1')) await compare('key id, 1 KB session', 1, true);
if (cases.includes('kid64')) await compare('key id, 64 KB session', 64, true);
