/**
 * Server overhead of server-lib, measured side by side in one run: the same app
 * with and without the middleware, each in its own process, loaded in turn by
 * autocannon over loopback. Prints ratios (with / without); not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEBUG_HEADER, KEY_ID_HEADER, generateKey } from '../protocol/src/index.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Instance {
  port: number;
  child: ChildProcess;
}

async function startApp(mode: 'with' | 'without', kb: number, pairing: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bench-app.ts', mode, String(kb), pairing], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench app exited with ${code}`)));
  });
  return { port: Number(line), child };
}

async function sessionCookie(port: number, headers: Record<string, string>): Promise<{ cookie: string; debugHeaderBytes: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const debug = res.headers.get(DEBUG_HEADER);
  return { cookie: setCookie.split(';')[0] ?? '', debugHeaderBytes: debug ? Buffer.byteLength(`${DEBUG_HEADER}: ${debug}`) : 0 };
}

async function load(port: number, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result.requests.average;
}

async function compare(label: string, kb: number, withKid: boolean): Promise<void> {
  const key = await generateKey();
  const [without, withMw] = await Promise.all([startApp('without', kb, key.pairing), startApp('with', kb, key.pairing)]);
  try {
    const kidHeader: Record<string, string> = withKid ? { [KEY_ID_HEADER]: key.kid } : {};
    const a = await sessionCookie(without.port, kidHeader);
    const b = await sessionCookie(withMw.port, kidHeader);
    const runA = (seconds = DURATION_S) => load(without.port, { ...kidHeader, cookie: a.cookie }, seconds);
    const runB = (seconds = DURATION_S) => load(withMw.port, { ...kidHeader, cookie: b.cookie }, seconds);
    // Warm both (JIT, sockets) before measuring.
    await runA(1);
    await runB(1);
    let sumA = 0;
    let sumB = 0;
    // Interleave rounds, alternating who goes first, so that machine noise hits both sides alike.
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        sumA += await runA();
        sumB += await runB();
      } else {
        sumB += await runB();
        sumA += await runA();
      }
    }
    const ratio = sumB / sumA;
    const headerNote = withKid ? `; debug header ${b.debugHeaderBytes} B (${(b.debugHeaderBytes / kb).toFixed(0)} B per KB of session)` : '';
    console.log(
      `${label.padEnd(44)} without ${(sumA / ROUNDS).toFixed(0).padStart(6)} req/s   with ${(sumB / ROUNDS).toFixed(0).padStart(6)} req/s   ratio ${ratio.toFixed(3)}${headerNote}`,
    );
  } finally {
    without.child.kill();
    withMw.child.kill();
  }
}

console.log(`server-lib overhead: autocannon, 10 connections, ${ROUNDS} × ${DURATION_S} s per side, loopback\n`);
await compare('no key id (what every other request pays)', 1, false);
await compare('key id, 1 KB session (inline)', 1, true);
await compare('key id, 64 KB session (by reference)', 64, true);
