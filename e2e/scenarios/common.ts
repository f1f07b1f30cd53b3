import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { generateKey } from '../../protocol/src/keys.js';
import type { SessionscopeOptions } from '../../server-lib/src/index.js';
import { startDemo, type RunningDemo, type StartOptions } from '../../demo-app/src/server.js';
import {
  launchWithPanel,
  pollUntil,
  type BrowserName,
  type LaunchOptions,
  type PanelSession,
} from '../harness/index.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Where the scenarios write their PNGs: docs/screenshots when SESSIONSCOPE_UPDATE_SCREENSHOTS=1
 * (`SESSIONSCOPE_UPDATE_SCREENSHOTS=1 npm run test:e2e`), else the gitignored .e2e-artifacts/, so an
 * ordinary run leaves the tree clean.
 */
export const ARTIFACTS = `${REPO}.e2e-artifacts`;
export const SCREENSHOTS =
  process.env.SESSIONSCOPE_UPDATE_SCREENSHOTS === '1' ? `${REPO}docs/screenshots` : ARTIFACTS;

/**
 * A private copy of dist/chrome or dist/firefox: a `vite build --watch` (or a parallel build)
 * rewriting dist while a browser loads the extension gave a half-written extension once.
 */
export async function extensionDirFor(browser: BrowserName): Promise<string> {
  const dir = `${REPO}dist/${browser === 'chromium' ? 'chrome' : 'firefox'}`;
  if (!existsSync(`${dir}/manifest.json`))
    throw new Error(`${dir}/manifest.json missing: run "npm run build" first`);
  const copy = await mkdtemp(join(tmpdir(), `sessionscope-${browser}-ext-`));
  await cp(dir, copy, { recursive: true });
  JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')); // a torn copy fails here, plainly
  return copy;
}

/** The real panel is usable once Preact rendered the app and the pairing bar. */
export const PANEL_READY = `!!document.querySelector('[data-testid=app]') && !!document.querySelector('[data-testid=pairing-status]')`;

export async function openPanel(
  browser: BrowserName,
  launch: Partial<LaunchOptions> = {},
): Promise<PanelSession> {
  // Chromium undocked: DevTools gets the whole 1400×900 window (more virtualized rows rendered, a readable screenshot).
  const extensionDir = await extensionDirFor(browser);
  const session = await launchWithPanel(browser, {
    extensionDir,
    readyExpression: PANEL_READY,
    dock: 'undocked',
    ...launch,
  });
  const close = session.close;
  session.close = async () => {
    await close();
    await rm(extensionDir, { recursive: true, force: true });
  };
  return session;
}

export interface Row {
  url: string;
  method: string;
  status: string;
  state: string;
  change: string;
  selected: boolean;
}

/**
 * Expression listing the request rows in the DOM. The list is virtualized: scroll it to the end
 * first so the newest rows (the ones a step just produced) are rendered.
 */
export const ROWS = `(() => {
  const list = document.querySelector('[data-testid=request-list]');
  if (list) list.scrollTop = list.scrollHeight;
  return [...document.querySelectorAll('[data-testid=request-row]')].map((r) => ({
    url: r.dataset.url, method: r.dataset.method, status: r.dataset.status, state: r.dataset.state,
    change: r.dataset.change ?? '', selected: r.getAttribute('aria-selected') === 'true',
  }));
})()`;

export async function rows(s: PanelSession): Promise<Row[]> {
  return s.panelEval<Row[]>(ROWS);
}

/** Waits for the LAST row with this method and URL to satisfy `ok`; on timeout, lists the rows seen. */
export async function waitForRow(
  s: PanelSession,
  method: string,
  url: string,
  ok: (row: Row) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<Row> {
  let seen: Row[] = [];
  try {
    return await pollUntil(
      async () => {
        seen = await rows(s);
        const last = seen.filter((r) => r.method === method && r.url === url).at(-1);
        return last && ok(last) ? last : null;
      },
      { timeoutMs, what },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nrows in the panel:\n${seen.map((r) => `  ${r.method} ${r.url} ${r.status} ${r.state} ${r.change}`).join('\n')}`,
    );
  }
}

/** Clicks the last row with this method and URL (selects it). */
export async function selectRow(s: PanelSession, method: string, url: string): Promise<void> {
  const ok = await s.panelEval<boolean>(`(() => {
    const rows = [...document.querySelectorAll('[data-testid=request-row]')].filter((r) => r.dataset.method === ${JSON.stringify(method)} && r.dataset.url === ${JSON.stringify(url)});
    const row = rows[rows.length - 1];
    if (!row) return false;
    row.click();
    return true;
  })()`);
  if (!ok) throw new Error(`selectRow: no row ${method} ${url}`);
  await s.waitInPanel(
    `[...document.querySelectorAll('[data-testid=request-row][aria-selected=true]')].some((r) => r.dataset.method === ${JSON.stringify(method)} && r.dataset.url === ${JSON.stringify(url)})`,
    { timeoutMs: 5_000, what: `row ${method} ${url} selected` },
  );
}

export interface DiffEntry {
  kind: string;
  path: string;
  text: string;
}

export const DIFF_ENTRIES = `[...document.querySelectorAll('[data-testid=diff-entry]')].map((e) => ({ kind: e.dataset.kind, path: e.dataset.path, text: e.textContent.trim() }))`;

/** Submits a form of the demo page by clicking its submit button; resolves after the redirect target loaded. */
export async function submit(page: Page, testid: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 15_000 }),
    page.click(`[data-testid=${testid}-submit]`),
  ]);
}

/** Records every response the inspected tab received (all headers, lower-cased names). */
export function recordResponses(
  page: Page,
): { url: string; status: number; headers: Record<string, string> }[] {
  const seen: { url: string; status: number; headers: Record<string, string> }[] = [];
  page.on('response', (r: HTTPResponse) => {
    seen.push({ url: r.url(), status: r.status(), headers: r.headers() });
  });
  return seen;
}

export async function timed<T>(label: string, log: Record<string, number>, f: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await f();
  } finally {
    log[label] = Date.now() - t;
  }
}

/**
 * Opens the app in the inspected tab (pairing binds the key id to the origin the tab shows), pairs
 * the panel (type the pairing string, click save, wait for the kid in pairing-status), then
 * warms up: the background installs the key-id header rule after the panel's port message, and
 * the panel's onRequestFinished subscription reaches DevTools asynchronously, neither with an
 * acknowledgement a test can see; so navigate to /health (never touches the session) until its
 * row is decoded; then clear the list.
 */
export async function pairAndWarmUp(
  panel: PanelSession,
  key: { pairing: string; kid: string },
  url: (path: string) => string,
  t: Record<string, number>,
): Promise<void> {
  await timed('pair', t, async () => {
    await panel.gotoInInspectedTab(url('/health'));
    await untilPageAnswers(panel, url);
    await panel.typeInPanel('[data-testid=pairing-input]', key.pairing);
    await panel.clickInPanel('[data-testid=pairing-save]');
    await panel.waitInPanel(
      `document.querySelector('[data-testid=pairing-status]')?.textContent.includes(${JSON.stringify(key.kid)})`,
      {
        timeoutMs: 5_000,
        what: `pairing-status showing kid ${key.kid}`,
      },
    );
  });
  await timed('warm-up (header rule active)', t, () => warmUp(panel, url, 'decoded', t));
}

/**
 * Firefox ESR, now and then (seen 1 launch in 6 under load): after the tab's first navigation from
 * about:blank, DevTools keeps answering for the old about:blank document (`inspectedWindow.eval`
 * says `about:blank`, no onNavigated) until the tab navigates again. Pairing binds the origin the
 * page says it has, so it would bind none (the panel says so, and offers "Send it here too"): a
 * developer would reload; the test navigates again until the page answers. Chromium: no-op.
 */
export async function untilPageAnswers(panel: PanelSession, url: (path: string) => string): Promise<void> {
  if (panel.browserName !== 'firefox') return;
  for (let attempt = 0; attempt < 5; attempt++) {
    const href = await panel.panelEval<string>(
      `browser.devtools.inspectedWindow.eval('location.href').then((r) => String(r[0]), () => '')`,
    );
    if (href.startsWith(url('/'))) return;
    await panel.gotoInInspectedTab(url('/health'));
  }
}

/**
 * Navigates to /health until its row shows with `state` (decoded: the key-id rule is active;
 * plain: the panel's network subscription is live), then clicks clear.
 */
export async function warmUp(
  panel: PanelSession,
  url: (path: string) => string,
  state: 'decoded' | 'plain',
  t: Record<string, number>,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let attempts = 0;
  for (;;) {
    attempts++;
    await panel.gotoInInspectedTab(url('/health'));
    try {
      await waitForRow(panel, 'GET', url('/health'), (r) => r.state === state, `GET /health ${state}`, 1_500);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        // Where the panel says the key id goes, and the pairing bar: the two places a stuck warm-up shows.
        const bars = await panel
          .panelEval<string>(
            `[...document.querySelectorAll('[data-testid=pairing-status], [data-testid=rule-error], [data-testid=key-scope]')].map((e) => e.textContent).join(' | ')`,
          )
          .catch(() => '(panel unreadable)');
        throw new Error(`${(error as Error).message}\npanel: ${bars}`);
      }
    }
  }
  t['warm-up attempts'] = attempts;
  await panel.clickInPanel('[data-testid=clear]');
  // Not "empty": a late favicon/.well-known request may land right after the clear.
  await panel.waitInPanel(
    `![...document.querySelectorAll('[data-testid=request-row]')].some((r) => r.dataset.url.endsWith('/health'))`,
    { timeoutMs: 5_000, what: 'the /health rows gone after clear' },
  );
}

/** What a scenario run by withPairedDemo gets: the panel (paired and warmed up), the demo and a URL maker. */
export interface DemoContext {
  panel: PanelSession;
  demo: RunningDemo;
  key: { pairing: string; kid: string };
  url: (path: string) => string;
  t: Record<string, number>;
}

/**
 * Starts a demo (debug mode with a fresh key), opens the real panel, pairs it, warms up, runs
 * `body`, and always closes both. Returns the timings `body` and the setup recorded.
 * With `pair: false` the panel is left unpaired (and not warmed up): `body` does that part.
 */
export async function withPairedDemo(
  browser: BrowserName,
  demoOptions: Omit<StartOptions, 'sessionscope' | 'port'>,
  body: (ctx: DemoContext) => Promise<void>,
  sessionscopeOptions: Omit<SessionscopeOptions, 'keys'> = {},
  {
    pair = true,
    launch = {},
    host,
  }: {
    pair?: boolean;
    /** Extra browser launch options (e.g. hostAliases). */
    launch?: Partial<LaunchOptions>;
    /** The host name the tab uses for the app (default the demo's 127.0.0.1; an alias must be in launch.hostAliases). */
    host?: string;
  } = {},
): Promise<Record<string, number>> {
  const key = await generateKey();
  const demo = await startDemo({
    port: 0,
    ...demoOptions,
    sessionscope: { ...sessionscopeOptions, keys: [key.pairing] },
  });
  const t: Record<string, number> = {};
  let s: PanelSession | undefined;
  try {
    s = await timed('launch→panel usable', t, () => openPanel(browser, launch));
    const panel = s;
    const base = host === undefined ? demo.url : `http://${host}:${demo.port}`;
    const url = (path: string) => `${base}${path}`;
    if (pair) await pairAndWarmUp(panel, key, url, t);
    await body({ panel, demo, key, url, t });
    t['panel usable (harness)'] = s.timings.panelUsable;
    return t;
  } finally {
    await s?.close();
    await demo.close();
  }
}
