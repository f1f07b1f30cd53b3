/**
 * Cookie engine benchmark (not a test): verdicts for 10,000 Set-Cookie headers.
 *   npx vite build -c vite.inline.config.ts && npx tsx bench/cookie-verdicts.ts [headers]
 *
 * In the panel: the inline shell (same store and components as the extension) in Debian's
 * Chromium ingests 2,500 requests carrying 4 Set-Cookie headers each, and the same requests
 * without them; the difference is what judging the headers costs there (the store's effect
 * runs the engine synchronously inside applyEvents). In Node, in the same run: the engine
 * alone, and a plain parse with set-cookie-parser for scale.
 *
 * Two clocks side by side. Wall time is what a user waits for, but on a machine shared with
 * other work it mostly measures the other work. CPU time of the thread that runs the engine
 * (the renderer's main thread through CDP's ThreadTime; Node's main thread through
 * /proc/thread-self/schedstat) is what the engine costs. In the panel the wall clock
 * covers applyEvents; the CPU clock the whole task, including the list's re-render in the
 * microtasks after it (the findings of the rows on screen): an upper bound for the verdicts. "Cold" is the first ingest in a fresh
 * page (or process): the JIT has not seen the engine yet, as when a history is imported.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import puppeteer, { type CDPSession, type Page } from 'puppeteer-core';
import { parseSetCookie } from 'set-cookie-parser';
import { judgeHistory } from '../extension/core/cookies/history.js';
import { CHROMIUM, FIREFOX } from '../extension/core/cookies/profiles.js';
import { serveStatic } from '../test-support/static-server.js';

const HEADERS = Number(process.argv[2] ?? 10_000);
const PER_REQUEST = 4;
const GOAL_MS = 50;
/** Fresh pages per case: best of several, as the machine may be shared. */
const RUNS = 7;
const T0 = Date.parse('2026-12-01T08:00:00Z');

/** A realistic mix, with the cases the engine works hardest on (dates, public suffixes, oversize, prefixes). */
const SHAPES = [
  (i: number) => `sid=s%3A${i.toString(36)}abcdef.ghijk; Path=/; HttpOnly; SameSite=Lax`,
  (i: number) => `theme=dark${i % 7}; Path=/; Max-Age=31536000`,
  (i: number) =>
    `track=${i}; Domain=example.com; Path=/; Expires=Wed, 15 Sep 2027 10:00:00 GMT; Secure; SameSite=None`,
  (i: number) => `__Host-csrf=${i}; Path=/; Secure; HttpOnly`,
  (i: number) => `ex${i % 13}=1; Expires=Wed, 15 Sep 2027 10:00:00 +0500; Path=/app`,
  (i: number) => `bad${i % 5}=1; Domain=com`,
  (i: number) => `flash=; Path=/; Max-Age=0`,
  (i: number) => `big=${'x'.repeat(4100 + (i % 3))}`,
];

function requests(count: number, withCookies: boolean) {
  return Array.from({ length: count }, (_, i) => ({
    url: `https://app.example.com/page/${i}`,
    method: 'GET',
    status: 200,
    time: T0 + i * 100,
    startedAt: T0 + i * 100 - 20,
    debugHeader: null,
    setCookies: withCookies
      ? Array.from({ length: PER_REQUEST }, (_, k) => SHAPES[(i * PER_REQUEST + k) % SHAPES.length]!(i))
      : [],
    cookieHeader: `sid=s%3A${(i - 1).toString(36)}abcdef.ghijk; theme=dark1`,
    storedCookies: [],
  }));
}

/** CPU ms of this thread (Linux); process CPU where /proc is missing. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}

interface Sample {
  wall: number;
  cpu: number;
}
const best = (runs: number[]) => Math.min(...runs);
const bestOf = (samples: Sample[]): Sample => ({
  wall: best(samples.map((s) => s.wall)),
  cpu: best(samples.map((s) => s.cpu)),
});
const median = (runs: number[]) => runs.slice().sort((a, b) => a - b)[runs.length >> 1]!;
const medianOf = (samples: Sample[]): Sample => ({
  wall: median(samples.map((s) => s.wall)),
  cpu: median(samples.map((s) => s.cpu)),
});
const minus = (a: Sample, b: Sample): Sample => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu });
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const count = Math.ceil(HEADERS / PER_REQUEST);
const headers = count * PER_REQUEST;
const loadBefore = load();

// Node: the engine alone (strings as the panel gets them: flat, from JSON), and set-cookie-parser for scale.
const fresh = () =>
  JSON.parse(
    JSON.stringify(
      requests(count, true).map((r) => ({ url: r.url, receivedAt: r.time, setCookies: r.setCookies })),
    ),
  ) as { url: string; receivedAt: number; setCookies: string[] }[];
const node = {
  cold: [] as Sample[],
  chromium: [] as Sample[],
  firefox: [] as Sample[],
  parser: [] as Sample[],
};
for (let run = 0; run < 8; run++) {
  for (const [name, profile] of [
    ['chromium', CHROMIUM],
    ['firefox', FIREFOX],
  ] as const) {
    const inputs = fresh();
    const wall = performance.now();
    const cpu = threadCpuMs();
    judgeHistory(inputs, profile);
    const sample = { wall: performance.now() - wall, cpu: threadCpuMs() - cpu };
    // The very first run meets a cold JIT, as a panel's first ingest does.
    (run === 0 && name === 'chromium' ? node.cold : node[name]).push(sample);
  }
  const lines = fresh().flatMap((r) => r.setCookies);
  const wall = performance.now();
  const cpu = threadCpuMs();
  for (const line of lines) parseSetCookie(line, { decodeValues: false, silent: true, split: false });
  node.parser.push({ wall: performance.now() - wall, cpu: threadCpuMs() - cpu });
}

// The panel: ingest with and without the headers, fresh page each time.
const server = await serveStatic('dist/inline', {});
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** CPU ms of the renderer's main thread (where the panel's JavaScript runs). */
async function rendererCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ThreadTime')!.value * 1000;
}

/** Runs `script` (which returns its own wall ms) in the page; its wall ms and the main thread's CPU ms. */
async function measure(page: Page, cdp: CDPSession, script: string): Promise<Sample> {
  const cpu = await rendererCpuMs(cdp);
  const wall = (await page.evaluate(script)) as number;
  return { wall, cpu: (await rendererCpuMs(cdp)) - cpu };
}

const panel = {
  with: [] as Sample[],
  without: [] as Sample[],
  warmWith: [] as Sample[],
  warmWithout: [] as Sample[],
  cookiesView: [] as number[],
};
// Plain JavaScript text below: tsx would add helpers (__name) to a function passed to the page.
// Wall: applyEvents alone, timed in the page. CPU: the whole task, which also runs the list's
// re-render (Preact renders in microtasks right after), so it is the larger of the two scopes.
const INGEST = `(function () {
  const t0 = performance.now();
  window.sessionscope.applyEvents(window.events);
  return performance.now() - t0;
})()`;
try {
  for (let run = 0; run < RUNS; run++) {
    for (const withCookies of [true, false]) {
      const page = await browser.newPage();
      const cdp = await page.createCDPSession();
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await page.goto(`${server.url}/extension/panel/inline.html`);
      await page.waitForSelector('body[data-ready=true]');
      const events = requests(count, withCookies).map((summary) => ({ type: 'request-finished', summary }));
      await page.evaluate(`window.events = ${JSON.stringify(events)}; 0`);
      (withCookies ? panel.with : panel.without).push(await measure(page, cdp, INGEST));
      if (withCookies)
        panel.cookiesView.push(
          (await page.evaluate(`(async function () {
            function frame() { return new Promise(function (resolve) { requestAnimationFrame(function () { setTimeout(resolve, 0); }); }); }
            const t1 = performance.now();
            window.sessionscope.dispatch({ type: 'select', id: window.events.length - 3 });
            window.sessionscope.dispatch({ type: 'select-tab', tab: 'cookies' });
            await frame();
            return performance.now() - t1;
          })()`)) as number,
        );
      // Again in the same page: the JIT is warm now (a panel that has been open a while).
      await page.evaluate(`(async function () {
        window.sessionscope.dispatch({ type: 'clear' });
        await new Promise(function (resolve) { setTimeout(resolve, 50); });
        window.events = window.events.map(function (e) { return { type: e.type, summary: Object.assign({}, e.summary) }; });
      })()`);
      (withCookies ? panel.warmWith : panel.warmWithout).push(await measure(page, cdp, INGEST));
      await page.close();
    }
  }
  const cold = minus(bestOf(panel.with), bestOf(panel.without));
  const warm = minus(bestOf(panel.warmWith), bestOf(panel.warmWithout));
  const verdict = (s: Sample) => (s.cpu < GOAL_MS ? '✓' : '✗');
  const row = (label: string, s: Sample, note = '') =>
    console.log(
      `  ${label.padEnd(44)} ${s.wall.toFixed(1).padStart(7)} ms wall ${s.cpu.toFixed(1).padStart(7)} ms CPU${note}`,
    );
  console.log(
    `cookie verdicts: ${headers} Set-Cookie headers over ${count} requests, ${await browser.version()}, Node ${process.version}`,
  );
  console.log(`  load average before ${loadBefore}, after ${load()} (2 cores shared: read the CPU column)`);
  row('panel, first ingest (cold JIT): with headers', bestOf(panel.with));
  row('                                without', bestOf(panel.without));
  row(`  → verdicts for ${headers} headers`, cold, `  goal < ${GOAL_MS} ms CPU ${verdict(cold)}`);
  row(`    (medians of ${RUNS} instead of bests)`, minus(medianOf(panel.with), medianOf(panel.without)));
  row('panel, ingest again (warm JIT): with headers', bestOf(panel.warmWith));
  row('                                without', bestOf(panel.warmWithout));
  row(`  → verdicts for ${headers} headers`, warm, `  goal < ${GOAL_MS} ms CPU ${verdict(warm)}`);
  row(
    `    (medians of ${RUNS} instead of bests)`,
    minus(medianOf(panel.warmWith), medianOf(panel.warmWithout)),
  );
  row('Node, engine alone, first run (cold JIT)', bestOf(node.cold));
  row('Node, engine alone, best of 7, Chromium rules', bestOf(node.chromium));
  row('                    median', medianOf(node.chromium));
  row('Node, engine alone, best of 8, Firefox rules', bestOf(node.firefox));
  row('Node, set-cookie-parser parse only (for scale)', bestOf(node.parser));
  console.log(
    `  panel/Node (CPU, warm): ×${(warm.cpu / bestOf(node.chromium).cpu).toFixed(1)}; Cookies view of one request with observed truth: ${best(panel.cookiesView).toFixed(1)} ms wall`,
  );
} finally {
  await browser.close();
  await server.close();
}
