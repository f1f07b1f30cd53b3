/**
 * Huge-value benchmark (issue 13; not a test): clicking a request whose session has 20,000
 * top-level keys, or a 1,000,000-item array, or a value 100,000 levels deep, in the real panel UI
 * (the inline shell, same components as the extension) in Debian's Chromium. Prints per step the
 * wall time and the renderer main thread's CPU time (CDP thread ticks: on a loaded 2-core machine
 * wall time also counts other processes), beside the same steps on a small session. Goal < 100 ms.
 *   npx vite build -c vite.inline.config.ts && npx tsx bench/huge-values.ts
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { launchChromium, measureCpu, timeStep } from './panel-steps.js';
import { serveStatic } from '../test-support/static-server.js';
import { samplePayload } from '../protocol/src/sample-payload.js';

// One decoded request to copy: the sessions below replace its before/after.
const template = {
  url: 'http://localhost:3000/',
  method: 'GET',
  status: 200,
  time: Date.now(),
  debugHeader: null,
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'decoded', payload: samplePayload() },
};
const server = await serveStatic('dist/inline', { '/recorded.json': JSON.stringify([template]) });
const browser = await launchChromium();

const rows: [string, number, number, number][] = [];

/** Runs `body` in the page, waits a frame; records wall ms, CPU ms and DOM elements in the page. */
async function step(page: Page, cdp: CDPSession, label: string, body: string): Promise<void> {
  const { wall, cpuMs } = await timeStep(page, cdp, body);
  const elements = (await page.evaluate(`document.querySelectorAll('*').length`)) as number;
  rows.push([label, wall, cpuMs, elements]);
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${server.url}/extension/panel/inline.html`);
  await page.waitForSelector('body[data-ready=true]');
  const cdp = await measureCpu(page);

  // One request per shape, each a decoded payload as the extension shell would feed it.
  await page.evaluate(`(async () => {
    const source = await (await fetch('/recorded.json')).json();
    const decoded = source.find((r) => r.debug.state === 'decoded');
    const chain = (depth, leaf) => { let n = leaf; for (let i = 0; i < depth; i++) n = { x: n }; return n; };
    const wide = {}; for (let i = 0; i < 20000; i++) wide['key' + i] = 'value ' + i;
    const wideBefore = { ...wide, key7: 'old', key19999: 'old' };
    const shapes = {
      small: [{ views: 1, user: 'ann' }, { views: 2, user: 'ann' }],
      keys20k: [wideBefore, wide],
      items1m: [{ list: new Array(1000000).fill(1) }, { list: Object.assign(new Array(1000000).fill(1), { 999999: 2 }) }],
      deep100k: [{ deep: chain(100000, 'old') }, { deep: chain(100000, 'new') }],
    };
    const events = [];
    let key = window.sessionscope.store.nextKey;
    let time = Date.now();
    for (const [name, [before, after]] of Object.entries(shapes)) {
      const { debug, ...summary } = decoded;
      const payload = structuredClone(decoded.debug.payload);
      payload.requestId = 'bench-' + name;
      payload.session = { ...payload.session, before, after, change: 'modified' };
      events.push({ type: 'request-finished', summary: { ...summary, url: summary.url + '?' + name, time: ++time, startedAt: time } });
      events.push({ type: 'payload-decoded', key: key++, payload });
    }
    window.__events = events;
    window.__names = Object.keys(shapes);
  })()`);
  // Arrival, and the background work it starts (findings, the handler diffs worked out ahead of a
  // click), until the page has been idle for a moment: a developer clicks a request after it arrived.
  await step(
    page,
    cdp,
    'ingest the 4 requests, until idle (background diffs included)',
    `window.sessionscope.applyEvents(window.__events);
    window.__ids = Object.fromEntries(window.__names.map((name) => [name, window.sessionscope.store.records.value.find((r) => r.url.endsWith('?' + name)).id]));
    for (let quiet = 0; quiet < 3; ) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 50));
      quiet = performance.now() - t0 < 70 ? quiet + 1 : 0;
    }`,
  );

  for (const name of ['small', 'keys20k', 'items1m', 'deep100k']) {
    await step(
      page,
      cdp,
      `${name}: click the row (Diff)`,
      `window.sessionscope.dispatch({ type: 'select-tab', tab: 'diff' }); document.getElementById('request-' + window.__ids.${name}).click();`,
    );
    await step(
      page,
      cdp,
      `${name}: Session tab`,
      `window.sessionscope.dispatch({ type: 'select-tab', tab: 'session' });`,
    );
    if (name === 'items1m')
      await step(
        page,
        cdp,
        `${name}: open the 1,000,000-item array`,
        `document.querySelector('[data-testid=tree-node][data-name=list] > .toggle').click();`,
      );
    await step(
      page,
      cdp,
      `${name}: back to a small request`,
      `document.getElementById('request-' + window.__ids.small).click();`,
    );
  }
  console.log(
    `huge values: clicking a row → render, inline panel in Chromium ${await browser.version()}, 1400×900 (goal < 100 ms)`,
  );
  console.log(
    `  ${'step'.padEnd(48)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'DOM elements'.padStart(13)}`,
  );
  for (const [label, wall, cpuMs, elements] of rows)
    console.log(
      `  ${label.padEnd(48)} ${wall.toFixed(0).padStart(8)} ${cpuMs.toFixed(0).padStart(8)} ${String(elements).padStart(13)}`,
    );
} finally {
  await browser.close();
  await server.close();
}
