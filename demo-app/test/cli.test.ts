import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { generateKey } from '../../protocol/src/index.js';
import { Client, payloadOf } from '../../server-lib/test/support/http.js';
import { cliOptions } from '../src/server.js';
import { localRedis } from '../src/local-redis.js';

/** `npm run demo -- --store redis` (scripts/demo.sh passes its arguments to demo-app/src/server.ts). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('demo command line', () => {
  test('flags win over the env vars, which still work; bad values say what to change', () => {
    expect(cliOptions([], {})).toEqual({ store: 'memory', rolling: false, port: 3000 });
    expect(
      cliOptions(['--store', 'redis', '--rolling', '--port', '0'], { SESSIONSCOPE_DEMO_STORE: 'cookie' }),
    ).toEqual({
      store: 'redis',
      rolling: true,
      port: 0,
    });
    expect(cliOptions(['--store=cookie'], {})).toMatchObject({ store: 'cookie' });
    expect(
      cliOptions([], { SESSIONSCOPE_DEMO_STORE: 'cookie', SESSIONSCOPE_DEMO_ROLLING: '1', PORT: '4000' }),
    ).toEqual({
      store: 'cookie',
      rolling: true,
      port: 4000,
    });
    expect(() => cliOptions(['--store', 'mongo'], {})).toThrow(
      '--store must be memory, cookie or redis (got "mongo").',
    );
    expect(() => cliOptions(['--port', 'x'], {})).toThrow('--port must be a port number');
  });

  test('no redis-server installed: one sentence naming the Debian package', async () => {
    await expect(localRedis('/nonexistent/redis-server')).rejects.toThrow(
      'Redis mode needs redis-server (/nonexistent/redis-server), from the Debian package "redis-server" (sudo apt-get install redis-server), or REDIS_URL pointing at a running Redis.',
    );
  });
});

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function runDemo(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-app/src/server.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d) => lines.push(String(d)));
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${lines.join('\n')}`)));
  });
  // The banner is printed in one write: wait for its last line.
  while (!lines.some((l) => l.includes('paste the pairing string')))
    await new Promise((r) => setTimeout(r, 20));
  const stopped = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { url, lines, stop: () => (child.kill('SIGTERM'), stopped) };
}

describe('npm run demo -- --store redis', () => {
  test('starts its own redis-server when REDIS_URL is not given, serves from it, and stops it on exit', async () => {
    const key = await generateKey();
    const demo = await runDemo(['--store', 'redis', '--port', '0'], { SESSIONSCOPE_KEYS: key.pairing });
    const redisLine = demo.lines.find((l) => l.startsWith('Redis: '))!;
    expect(redisLine).toMatch(
      /^Redis: redis:\/\/127\.0\.0\.1:\d+ \(a redis-server started for this demo, stopped on exit\)$/,
    );
    const redisPort = Number(/:(\d+) /.exec(redisLine)![1]);
    try {
      const client = new Client(demo.url, key.kid);
      const p = await payloadOf(await client.get('/'), demo.url, key);
      expect(p.middleware).toEqual({ kind: 'express-session', store: 'RedisStore' });
      // The store TTL comes with the next request of the session.
      expect((await payloadOf(await client.get('/'), demo.url, key)).storeTtlMs).toBeGreaterThan(0);
      expect(await reachable(redisPort)).toBe(true);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
    expect(await reachable(redisPort)).toBe(false);
  }, 20_000);

  test('the default (memory) mode still starts with no flags', async () => {
    const key = await generateKey();
    const demo = await runDemo(['--port', '0'], {
      SESSIONSCOPE_KEYS: key.pairing,
      SESSIONSCOPE_DEMO_STORE: '',
    });
    try {
      expect(demo.lines.join('\n')).toContain('Sessionscope demo (memory sessions)');
      const p = await payloadOf(await new Client(demo.url, key.kid).get('/'), demo.url, key);
      expect(p.middleware.store).toBe('MemoryStore');
    } finally {
      await demo.stop();
    }
  }, 20_000);
});
