/**
 * Panel ingest benchmark (not a test): loads 10,000 recorded requests into the real panel UI
 * (the inline shell, same components as the extension) in Debian's Chromium and prints the
 * time to ingest and render, the time to select a request and render each view, and JS heap.
 *   npx vite build -c vite.inline.config.ts && npx tsx bench/panel-ingest.ts [count]
 */
import puppeteer from 'puppeteer-core';
import { serveStatic } from '../test-support/static-server.js';
import { recordDemoHistory } from '../scripts/record-demo-history.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const recorded = await recordDemoHistory();
const server = await serveStatic('dist/inline', { '/recorded.json': JSON.stringify(recorded) });
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
});

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${server.url}/extension/panel/inline.html`);
  await page.waitForSelector('body[data-ready=true]');
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // Plain JavaScript text: tsx would add helpers (__name) to a function passed to the page.
  const timings = (await page.evaluate(`(async function (count) {
    const source = (await (await fetch('/recorded.json')).json());
    // Requests as the extension shell feeds them: a request-finished event, then its decoded payload.
    const events = [];
    for (let i = 0; i < count; i++) {
      const r = source[i % source.length];
      const { debug, ...summary } = r;
      events.push({ type: 'request-finished', summary: { ...summary, url: summary.url + '?n=' + i } });
      if (debug.state === 'decoded') events.push({ type: 'payload-decoded', id: i + 1, payload: debug.payload });
    }
    function frame() { return new Promise(function (resolve) { requestAnimationFrame(function () { setTimeout(resolve, 0); }); }); }
    const t0 = performance.now();
    window.sessionscope.applyEvents(events);
    await frame();
    const ingest = performance.now() - t0;
    const rows = document.querySelectorAll('[data-testid=request-row]').length;
    // Scroll to the end of the list and measure the frame.
    const list = document.querySelector('[data-testid=request-list]');
    const t1 = performance.now();
    list.scrollTop = list.scrollHeight;
    await frame();
    await frame();
    const scroll = performance.now() - t1;
    const views = {};
    for (const tab of ['diff', 'session', 'cookies', 'size', 'timeline', 'security']) {
      const t = performance.now();
      window.sessionscope.dispatch({ type: 'select', id: count - 3 });
      window.sessionscope.dispatch({ type: 'select-tab', tab });
      await frame();
      views[tab] = performance.now() - t;
    }
    return { ingest, rows, scroll, views, records: window.sessionscope.store.records.value.length };
})(${COUNT})`)) as {
    ingest: number;
    rows: number;
    scroll: number;
    views: Record<string, number>;
    records: number;
  };

  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfter = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`panel ingest: ${timings.records} requests (${recorded.length} recorded demo requests repeated), Chromium ${await browser.version()}`);
  console.log(`  ingest + first render      ${timings.ingest.toFixed(0)} ms  (${timings.rows} rows in the DOM: virtualized)`);
  console.log(`  scroll to the last request ${timings.scroll.toFixed(0)} ms`);
  for (const [tab, ms] of Object.entries(timings.views)) console.log(`  select + ${tab.padEnd(9)} view      ${ms.toFixed(0)} ms`);
  console.log(`  JS heap                    ${mb(heapBefore)} MB before → ${mb(heapAfter)} MB after (${mb(heapAfter - heapBefore)} MB for ${timings.records} requests)`);
} finally {
  await browser.close();
  await server.close();
}
