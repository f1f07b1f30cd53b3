/**
 * Panel scale benchmark (not a test): loads 100,000 recorded requests into the real panel UI (the
 * inline shell, same components as the extension) in Debian's Chromium and prints, per step, the
 * wall time and the renderer main thread's CPU time (CDP Performance metrics in thread ticks: on a
 * shared 2-core machine wall time also counts other processes). Steps: ingest + first render,
 * scrolling, selecting requests (first, middle, last) and each view, the findings index that the
 * Security view groups, the Security view itself, and a 1 MB session's Diff and Session tree.
 *   npx vite build -c vite.inline.config.ts && npx tsx bench/panel-ingest.ts [count]
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { launchChromium, measureCpu, timeStep } from './panel-steps.js';
import { serveStatic } from '../test-support/static-server.js';
import { recordDemoHistory } from '../scripts/record-demo-history.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const recorded = await recordDemoHistory();
const server = await serveStatic('dist/inline', { '/recorded.json': JSON.stringify(recorded) });
const browser = await launchChromium(['--enable-precise-memory-info']);

const rows: [string, number, number][] = [];

/** Runs `body` (page source returning nothing) then waits a frame; records wall and CPU ms. */
async function step(page: Page, cdp: CDPSession, label: string, body: string): Promise<void> {
  const { wall, cpuMs } = await timeStep(page, cdp, body);
  rows.push([label, wall, cpuMs]);
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${server.url}/extension/panel/inline.html`);
  await page.waitForSelector('body[data-ready=true]');
  const cdp = await measureCpu(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // Requests as the extension shell feeds them: request-finished, then its decoded payload. Each
  // pass over the recording comes after the previous one in time, as live traffic would.
  await page.evaluate(`(async (count) => {
    const source = await (await fetch('/recorded.json')).json();
    const span = source[source.length - 1].time - source[0].time + 1000;
    const events = [];
    for (let i = 0; i < count; i++) {
      const { debug, ...summary } = source[i % source.length];
      const shift = Math.floor(i / source.length) * span;
      events.push({ type: 'request-finished', summary: { ...summary, url: summary.url + '?n=' + i, time: summary.time + shift, startedAt: (summary.startedAt ?? summary.time) + shift } });
      if (debug.state === 'decoded') events.push({ type: 'payload-decoded', key: i + 1, payload: debug.payload });
    }
    window.__events = events;
    window.__source = source;
  })(${COUNT})`);

  await step(
    page,
    cdp,
    `ingest ${COUNT} requests + first render`,
    `window.sessionscope.applyEvents(window.__events); window.__events = null;`,
  );
  const domRows = await page.evaluate(() => document.querySelectorAll('[data-testid=request-row]').length);
  await step(
    page,
    cdp,
    'scroll to the first request',
    `document.querySelector('[data-testid=request-list]').scrollTop = 0; await frame();`,
  );
  // The findings index reads the whole history in slices between frames (the Security tab's count
  // and view need it); until it is done every render also gives it a slice.
  await step(
    page,
    cdp,
    'findings index over every request (background slices)',
    `window.sessionscope.dispatch({ type: 'select-tab', tab: 'security' });
     while (!document.querySelector('[data-testid=security-finding], [data-testid=security-clean]')) await frame();`,
  );
  await step(
    page,
    cdp,
    'open the Security view (grouped findings)',
    `window.sessionscope.dispatch({ type: 'select-tab', tab: 'diff' }); await frame(); window.sessionscope.dispatch({ type: 'select-tab', tab: 'security' });`,
  );
  await step(
    page,
    cdp,
    'back to the Diff',
    `window.sessionscope.dispatch({ type: 'select-tab', tab: 'diff' });`,
  );
  for (const id of [1, Math.floor(COUNT / 2), COUNT - 3]) {
    await step(
      page,
      cdp,
      `select request #${id} (Diff)`,
      `window.sessionscope.dispatch({ type: 'select', id: ${id} });`,
    );
  }
  for (const tab of ['session', 'cookies', 'size', 'timeline']) {
    await step(
      page,
      cdp,
      `${tab} view of #${COUNT - 3}`,
      `window.sessionscope.dispatch({ type: 'select-tab', tab: '${tab}' });`,
    );
  }

  // A 1 MB session: 2,000 keys of ~500 bytes; the handler changes 20, removes 10, adds 10.
  await page.evaluate(`(() => {
    const decoded = window.__source.find((r) => r.debug.state === 'decoded');
    const entry = (i) => ({ title: 'item ' + i, text: 'lorem ipsum dolor sit amet '.repeat(16), n: i, tags: ['a', 'b', { $ss: 'date', iso: '2026-01-01T00:00:00.000Z' }] });
    const before = {};
    for (let i = 0; i < 2000; i++) before['k' + i] = entry(i);
    const after = structuredClone(before);
    for (let i = 0; i < 20; i++) after['k' + (i * 97)].n = -i;
    for (let i = 0; i < 10; i++) { delete after['k' + (1990 + i)]; after['new' + i] = entry(i); }
    const payload = structuredClone(decoded.debug.payload);
    payload.requestId = 'bench-1mb';
    payload.session = { ...payload.session, before, after, change: 'modified' };
    payload.sizes = { ...payload.sizes, sessionBefore: JSON.stringify(before).length, sessionAfter: JSON.stringify(after).length };
    window.__big = { payload, summary: { ...decoded, url: decoded.url + '?big', debug: undefined, time: Date.now() + 1e10, startedAt: Date.now() + 1e10 } };
  })()`);
  const bigBytes = await page.evaluate(
    () =>
      (window as unknown as { __big: { payload: { sizes: { sessionAfter: number } } } }).__big.payload.sizes
        .sessionAfter,
  );
  await page.evaluate(`(() => {
    const { summary, payload } = window.__big;
    const key = window.sessionscope.store.nextKey;
    window.sessionscope.applyEvents([{ type: 'request-finished', summary }, { type: 'payload-decoded', key, payload }]);
    window.__bigId = window.sessionscope.store.records.value.at(-1).id;
  })()`);
  await step(
    page,
    cdp,
    `1 MB session (${(bigBytes / 1e6).toFixed(2)} MB JSON): select + Diff`,
    `window.sessionscope.dispatch({ type: 'select-tab', tab: 'diff' }); window.sessionscope.dispatch({ type: 'select', id: window.__bigId });`,
  );
  await step(
    page,
    cdp,
    '1 MB session: Session tree',
    `window.sessionscope.dispatch({ type: 'select-tab', tab: 'session' });`,
  );

  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfter = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `panel scale: ${COUNT} requests (${recorded.length} recorded demo requests repeated), Chromium ${await browser.version()}, 1400×900`,
  );
  console.log(`  ${'step'.padEnd(58)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}`);
  for (const [label, wall, cpuMs] of rows)
    console.log(`  ${label.padEnd(58)} ${wall.toFixed(0).padStart(8)} ${cpuMs.toFixed(0).padStart(8)}`);
  console.log(`  rows in the DOM after ingest: ${domRows} (virtualized)`);
  console.log(
    `  JS heap after GC: ${mb(heapBefore)} MB before → ${mb(heapAfter)} MB after (${mb(heapAfter - heapBefore)} MB for ${COUNT} requests + the 1 MB session)`,
  );
} finally {
  await browser.close();
  await server.close();
}
