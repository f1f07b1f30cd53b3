/**
 * Records what real Chromium and real Firefox ESR do with every Set-Cookie of the corpus:
 *
 *   npx tsx scripts/cookie-oracle/run.ts [chromium|firefox ...] [--only <case-id-prefix> [--merge]]
 *
 * `--only` records the matching cases into .scratch/; with `--merge` it replaces them in the
 * committed fixture instead (after a corpus change, without re-recording everything).
 *
 * For each case and context: clear the browser's cookies, load each step's response (top
 * level, or inside a cross-site iframe), make one follow-up request to a matching URL, then
 * read the browser's own cookie store (Chromium: CDP Storage.getCookies, blocked lines from
 * Network.responseReceivedExtraInfo; Firefox: the privileged cookie service). Writes
 * fixtures/cookies/oracle-<browser>.json, which extension/core/cookies/oracle.test.ts replays.
 * Everything runs on loopback: host names are mapped to 127.0.0.1 inside the browsers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  launchChromium,
  launchFirefox,
  type BlockedCookie,
  type OracleBrowser,
  type StoredCookie,
} from './browsers.js';
import { CORPUS, type ContextId, type OracleCase, type Step } from './corpus.js';
import { HOSTS, startOracleServer, type OracleServer } from './server.js';

export interface ObservedStep {
  url: string;
  /** The top-level page when the response loaded in a cross-site iframe. */
  topUrl: string | null;
  sentAt: number;
  date: string | null;
  setCookie: string[];
  /** The navigation failed (the browser refused the response), with its error. */
  failed: string | null;
  /** Bytes of the response's whole header block. */
  headerBytes: number;
}

export interface Observation {
  case: string;
  category: string;
  context: ContextId;
  steps: ObservedStep[];
  echo: { url: string; topUrl: string | null; cookie: string | null };
  stored: StoredCookie[];
  blocked: BlockedCookie[];
}

export interface OracleFile {
  browser: 'chromium' | 'firefox';
  version: string;
  generatedAt: string;
  generator: string;
  hosts: typeof HOSTS;
  observations: Observation[];
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function origin(server: OracleServer, scheme: 'http' | 'https', host: string): string {
  return `${scheme}://${host}:${scheme === 'http' ? server.httpPort : server.httpsPort}`;
}

function contextHost(context: ContextId): string {
  if (context.endsWith('localhost')) return 'localhost';
  if (context.endsWith('-ip')) return '127.0.0.1';
  return HOSTS.public;
}

function contextScheme(context: ContextId): 'http' | 'https' {
  return context.startsWith('http-') ? 'http' : 'https';
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`  (no ${what} within ${ms} ms)`);
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runStep(
  browser: OracleBrowser,
  server: OracleServer,
  context: ContextId,
  step: Step,
): Promise<ObservedStep> {
  const token = randomUUID();
  const scheme = step.scheme ?? contextScheme(context);
  const host = step.host === 'psl' ? HOSTS.psl : contextHost(context);
  const url = `${origin(server, scheme, host)}/oracle/set/${token}`;
  const served = server.plan(token, {
    setCookie: step.setCookie,
    dateOffsetSec: step.dateOffsetSec === undefined ? 0 : step.dateOffsetSec,
    padHeaderBytes: step.padHeaderBytes ?? 0,
  });
  let topUrl: string | null = null;
  let failed: string | null;
  if (context === 'frame-public') {
    const topToken = randomUUID();
    topUrl = `${origin(server, 'https', HOSTS.top)}/oracle/top/${topToken}`;
    const loaded = server.frame(topToken, url);
    failed = await browser.goto(topUrl);
    await withTimeout(loaded, 10_000, 'iframe load');
  } else {
    failed = await browser.goto(url);
  }
  const sent = await withTimeout(served, 5_000, `response for ${url}`);
  return {
    url,
    topUrl,
    sentAt: sent?.sentAt ?? 0,
    date: sent?.date ?? null,
    setCookie: sent?.setCookie ?? step.setCookie,
    failed,
    headerBytes: sent?.headerBytes ?? 0,
  };
}

async function runCase(
  browser: OracleBrowser,
  server: OracleServer,
  c: OracleCase,
  context: ContextId,
): Promise<Observation> {
  await browser.clear();
  const steps: ObservedStep[] = [];
  for (const step of c.steps) steps.push(await runStep(browser, server, context, step));
  const blocked = browser.takeBlocked();
  const last = new URL(steps.at(-1)!.url);
  const token = randomUUID();
  const echoUrl = `${last.origin}/oracle/set/echo-${token}`;
  const received = server.echo(token);
  let echoTop: string | null = null;
  if ((c.echoIn ?? (context === 'frame-public' ? 'frame' : 'top')) === 'frame') {
    const topToken = randomUUID();
    echoTop = `${origin(server, 'https', HOSTS.top)}/oracle/top/${topToken}`;
    const loaded = server.frame(topToken, echoUrl);
    await browser.goto(echoTop);
    await withTimeout(loaded, 10_000, 'echo iframe load');
  } else {
    await browser.goto(echoUrl);
  }
  const cookie = (await withTimeout(received, 5_000, 'echo request')) ?? null;
  const stored = await browser.cookies();
  return {
    case: c.id,
    category: c.category,
    context,
    steps,
    echo: { url: echoUrl, topUrl: echoTop, cookie },
    stored,
    blocked,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt === -1 ? null : args.splice(onlyAt, 2)[1]!;
  const mergeAt = args.indexOf('--merge');
  const merge = mergeAt !== -1 && only !== null;
  if (mergeAt !== -1) args.splice(mergeAt, 1);
  const names = (args.length > 0 ? args : ['chromium', 'firefox']) as ('chromium' | 'firefox')[];
  const server = await startOracleServer();
  try {
    for (const name of names) {
      const browser = await (name === 'chromium' ? launchChromium() : launchFirefox());
      const started = Date.now();
      const observations: Observation[] = [];
      try {
        const cases = CORPUS.filter((c) => only === null || c.id.startsWith(only));
        for (const c of cases) {
          for (const context of c.contexts) observations.push(await runCase(browser, server, c, context));
          if (observations.length % 100 < c.contexts.length)
            console.log(`${name}: ${observations.length} observations (${c.id})`);
        }
      } finally {
        await browser.close();
      }
      const file: OracleFile = {
        browser: name,
        version: browser.version,
        generatedAt: new Date().toISOString(),
        generator: 'scripts/cookie-oracle/run.ts',
        hosts: HOSTS,
        observations,
      };
      const fixture = `${REPO}fixtures/cookies/oracle-${name}.json`;
      const out = only === null || merge ? fixture : `${REPO}.scratch/oracle-${name}-partial.json`;
      if (merge && existsSync(fixture)) {
        const old = (JSON.parse(readFileSync(fixture, 'utf8')) as OracleFile).observations.filter(
          (o) => !o.case.startsWith(only),
        );
        const order = new Map(CORPUS.map((c, i) => [c.id, i]));
        observations.unshift(...old);
        observations.sort((a, b) => (order.get(a.case) ?? 0) - (order.get(b.case) ?? 0));
      }
      mkdirSync(new URL('.', `file://${out}`), { recursive: true });
      // One observation a line: reviewable diffs, no pretty-printed megabytes.
      writeFileSync(
        out,
        `${JSON.stringify({ ...file, observations: undefined }).slice(0, -1)},"observations":[\n${observations.map((o) => JSON.stringify(o)).join(',\n')}\n]}\n`,
      );
      console.log(
        `${name} ${browser.version}: ${observations.length} observations in ${Math.round((Date.now() - started) / 1000)} s → ${out}`,
      );
    }
  } finally {
    await server.close();
  }
}

await main();
