import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createApp, type DemoOptions } from './app.js';
import { demoPairings } from './demo-key.js';
import type { StoreMode } from './session-access.js';

export interface StartOptions extends DemoOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
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
  ...options
}: StartOptions = {}): Promise<RunningDemo> {
  // The demo exists to be debugged, also when NODE_ENV happens to say production.
  const debug = sessionscope ?? { keys: await demoPairings(), allowInProduction: true };
  const app = createApp({ ...options, sessionscope: debug });
  const pairing = debug === false ? null : (splitKeys(debug.keys)[0] ?? null);
  const server: Server = createServer(app);
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

async function main(): Promise<void> {
  const store = storeFromEnv(process.env.SESSIONSCOPE_DEMO_STORE);
  const rolling = ['1', 'true', 'yes'].includes((process.env.SESSIONSCOPE_DEMO_ROLLING ?? '').toLowerCase());
  // Redis mode: REDIS_URL, default redis://127.0.0.1:6379.
  const demo = await startDemo({ port: Number(process.env.PORT ?? 3000), store, rolling });
  console.log(`
Sessionscope demo (${store} sessions${rolling ? ', rolling' : ''}) at ${demo.url}

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
    process.exitCode = 1;
  });
}
