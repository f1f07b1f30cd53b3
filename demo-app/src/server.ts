import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, type DemoOptions } from './app.js';
import { demoPairings } from './demo-key.js';
import { localRedis, type LocalRedis } from './local-redis.js';
import type { StoreMode } from './session-access.js';

export interface StartOptions extends DemoOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Sees every request the server receives, before the app does (tests record what arrived). */
  onRequest?: (req: IncomingMessage) => void;
}

export interface RunningDemo {
  url: string;
  port: number;
  /** The pairing string the server accepts (the first, if several); null when debug mode is off. */
  pairing: string | null;
  close(): Promise<void>;
}

/**
 * Starts the demo on a port (0 allowed) for e2e tests and for `npm run demo`.
 * Debug mode is on unless `sessionscope: false`: without options, the keys are
 * SESSIONSCOPE_KEYS or the saved demo key (see demo-key.ts).
 */
export async function startDemo({
  port = 3000,
  host = '127.0.0.1',
  sessionscope,
  onRequest,
  ...options
}: StartOptions = {}): Promise<RunningDemo> {
  // The demo exists to be debugged, also when NODE_ENV happens to say production.
  const debug = sessionscope ?? { keys: await demoPairings(), enabled: true, allowInProduction: true };
  const app = createApp({ ...options, sessionscope: debug });
  const pairing = debug === false ? null : (splitKeys(debug.keys)[0] ?? null);
  const server: Server = createServer(
    onRequest
      ? (req, res) => {
          onRequest(req);
          app(req, res);
        }
      : app,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    pairing,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : app.locals.close().then(resolve, reject)));
      }),
  };
}

function splitKeys(keys: readonly string[] | string): string[] {
  return (typeof keys === 'string' ? keys.split(',') : [...keys]).map((k) => k.trim()).filter(Boolean);
}

export function storeFromEnv(value: string | undefined): StoreMode {
  if (value === undefined || value === '') return 'memory';
  if (value === 'memory' || value === 'cookie' || value === 'redis') return value;
  throw new TypeError(`SESSIONSCOPE_DEMO_STORE must be memory, cookie or redis (got "${value}").`);
}

export interface CliOptions {
  store: StoreMode;
  rolling: boolean;
  port: number;
}

/**
 * `npm run demo -- --store redis --rolling --port 4000`; the env vars
 * (SESSIONSCOPE_DEMO_STORE, SESSIONSCOPE_DEMO_ROLLING, PORT) still work, flags win.
 */
export function cliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      store: { type: 'string' },
      rolling: { type: 'boolean' },
      port: { type: 'string' },
    },
    strict: true,
  });
  const store = values.store ?? env.SESSIONSCOPE_DEMO_STORE;
  if (values.store !== undefined && !['memory', 'cookie', 'redis'].includes(values.store)) {
    throw new TypeError(`--store must be memory, cookie or redis (got "${values.store}").`);
  }
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`--port must be a port number (got "${values.port ?? env.PORT}").`);
  return {
    store: storeFromEnv(store),
    rolling:
      values.rolling ?? ['1', 'true', 'yes'].includes((env.SESSIONSCOPE_DEMO_ROLLING ?? '').toLowerCase()),
    port,
  };
}

async function main(): Promise<void> {
  const { store, rolling, port } = cliOptions(process.argv.slice(2));
  // Redis mode: REDIS_URL if given, else a redis-server of our own for as long as the demo runs.
  let redis: LocalRedis | undefined;
  let redisUrl = process.env.REDIS_URL;
  if (store === 'redis' && !redisUrl) {
    redis = await localRedis();
    redisUrl = redis.url;
  }
  const demo = await startDemo({ port, store, rolling, ...(redisUrl ? { redisUrl } : {}) });
  const stop = (): void => {
    demo
      .close()
      .catch(() => {})
      .then(() => redis?.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const redisNote =
    store === 'redis'
      ? `\nRedis: ${redisUrl}${redis ? ' (a redis-server started for this demo, stopped on exit)' : ''}\n`
      : '';
  console.log(`
Sessionscope demo (${store} sessions${rolling ? ', rolling' : ''}) at ${demo.url}
${redisNote}
Pairing string (paste it into the DevTools "Sessions" panel):
  ${demo.pairing}

Load the extension (after "npm run build"):
  Chrome:  chrome://extensions → Developer mode → Load unpacked → dist/chrome
  Firefox: about:debugging → This Firefox → Load Temporary Add-on → dist/firefox/manifest.json
Then open ${demo.url}, open DevTools → Sessions, paste the pairing string and click around.
`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
