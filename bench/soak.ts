/**
 * Sustained load: N requests with a key id on loopback against one app process,
 * heapUsed after GC measured at N/3 and at N. With bounded stores and no leak the
 * heap stops growing once the by-reference store is full, so the two figures
 * are close. `npx tsx bench/soak.ts [requests] [sessionKb]`; the unit suite runs
 * a shorter version (server-lib/test/sustained-load.test.ts).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { KEY_ID_HEADER, generateKey } from '../protocol/src/index.js';

export interface SoakResult {
  requests: number;
  sessionKb: number;
  /** heapUsed after GC, bytes: after the warm-up third, and at the end. */
  heapAtThird: number;
  heapAtEnd: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export async function soak(requests: number, sessionKb: number): Promise<SoakResult> {
  const key = await generateKey();
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/soak-app.ts', String(sessionKb), key.pairing],
    {
      cwd: new URL('..', import.meta.url),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = Number(
      await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`soak app exited with ${code}`)));
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    const first = await fetch(`${base}/`, { headers: { [KEY_ID_HEADER]: key.kid } });
    await first.arrayBuffer();
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const heap = async () =>
      ((await (await fetch(`${base}/__heap`)).json()) as { heapUsed: number }).heapUsed;
    const started = Date.now();
    const run = (amount: number) =>
      autocannon({ url: `${base}/`, connections: 8, amount, headers: { [KEY_ID_HEADER]: key.kid, cookie } });
    const third = Math.floor(requests / 3);
    const a = await run(third);
    const heapAtThird = await heap();
    const b = await run(requests - third);
    const heapAtEnd = await heap();
    return {
      requests,
      sessionKb,
      heapAtThird,
      heapAtEnd,
      non2xx: a.non2xx + b.non2xx,
      errors: a.errors + b.errors,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const requests = Number(process.argv[2] ?? 20_000);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  for (const kb of [Number(process.argv[3] ?? 1), 8]) {
    const r = await soak(requests, kb);
    console.log(
      `${r.requests} requests with a key id, ${kb} KB session, ${r.seconds.toFixed(1)} s: heapUsed after GC ` +
        `${mb(r.heapAtThird)} at 1/3, ${mb(r.heapAtEnd)} at the end (${r.heapAtEnd >= r.heapAtThird ? '+' : ''}${mb(r.heapAtEnd - r.heapAtThird)}); ` +
        `${r.non2xx} non-2xx, ${r.errors} errors`,
    );
  }
}
