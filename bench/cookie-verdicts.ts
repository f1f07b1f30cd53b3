/**
 * Cookie engine benchmark (not a test): verdicts for 10,000 Set-Cookie headers.
 *   npx vite build -c vite.inline.config.ts && npx tsx bench/cookie-verdicts.ts [headers]
 *
 * In the panel: the inline shell (same store and components as the extension) in Debian's
 * Chromium ingests 2,500 requests carrying 4 Set-Cookie headers each, and the same requests
 * without them; the difference is what judging the headers through the cookie store costs
 * (the store's effect runs the engine synchronously inside applyEvents). In Node, side by
 * side: the engine alone, and a plain parse with set-cookie-parser for scale.
 */
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import { parseSetCookie } from 'set-cookie-parser';
import { judgeHistory } from '../extension/core/cookies/history.js';
import { CHROMIUM, FIREFOX } from '../extension/core/cookies/profiles.js';
import { serveStatic } from '../test-support/static-server.js';

const HEADERS = Number(process.argv[2] ?? 10_000);
const PER_REQUEST = 4;
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

const count = Math.ceil(HEADERS / PER_REQUEST);
const best = (runs: number[]) => Math.min(...runs);

// Node: the engine alone, and set-cookie-parser's parse of the same headers for scale.
const inputs = requests(count, true).map((r) => ({
  url: r.url,
  receivedAt: r.time,
  setCookies: r.setCookies,
}));
const lines = inputs.flatMap((r) => r.setCookies);
const node = { chromium: [] as number[], firefox: [] as number[], parser: [] as number[] };
for (let run = 0; run < 7; run++) {
  for (const [name, profile] of [
    ['chromium', CHROMIUM],
    ['firefox', FIREFOX],
  ] as const) {
    const t = performance.now();
    judgeHistory(inputs, profile);
    node[name].push(performance.now() - t);
  }
  const t = performance.now();
  for (const line of lines) parseSetCookie(line, { decodeValues: false, silent: true, split: false });
  node.parser.push(performance.now() - t);
}

// The panel: ingest with and without the headers, fresh page each time.
const server = await serveStatic('dist/inline', {});
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const panel = {
  with: [] as number[],
  without: [] as number[],
  warmWith: [] as number[],
  warmWithout: [] as number[],
  cookiesView: [] as number[],
};
try {
  for (let run = 0; run < 3; run++) {
    for (const withCookies of [true, false]) {
      const page = await browser.newPage();
      await page.goto(`${server.url}/extension/panel/inline.html`);
      await page.waitForSelector('body[data-ready=true]');
      const events = requests(count, withCookies).map((summary) => ({ type: 'request-finished', summary }));
      // Plain JavaScript text: tsx would add helpers (__name) to a function passed to the page.
      const ms = (await page.evaluate(`(async function (events) {
        const t0 = performance.now();
        window.sessionscope.applyEvents(events);
        const ingest = performance.now() - t0;
        function frame() { return new Promise(function (resolve) { requestAnimationFrame(function () { setTimeout(resolve, 0); }); }); }
        const t1 = performance.now();
        window.sessionscope.dispatch({ type: 'select', id: events.length - 3 });
        window.sessionscope.dispatch({ type: 'select-tab', tab: 'cookies' });
        await frame();
        const cookiesView = performance.now() - t1;
        // Again in the same page: the JIT is warm now (a panel that has been open a while).
        window.sessionscope.dispatch({ type: 'clear' });
        await frame();
        const t2 = performance.now();
        window.sessionscope.applyEvents(events.map(function (e) { return { type: e.type, summary: Object.assign({}, e.summary) }; }));
        const warm = performance.now() - t2;
        return { ingest, cookiesView, warm };
      })(${JSON.stringify(events)})`)) as { ingest: number; cookiesView: number; warm: number };
      (withCookies ? panel.with : panel.without).push(ms.ingest);
      (withCookies ? panel.warmWith : panel.warmWithout).push(ms.warm);
      if (withCookies) panel.cookiesView.push(ms.cookiesView);
      await page.close();
    }
  }
  const headers = count * PER_REQUEST;
  const verdicts = best(panel.with) - best(panel.without);
  const warm = best(panel.warmWith) - best(panel.warmWithout);
  console.log(
    `cookie verdicts: ${headers} Set-Cookie headers over ${count} requests, Chromium ${await browser.version()}`,
  );
  console.log(
    `  in the panel, first ingest (cold JIT): with headers ${best(panel.with).toFixed(1)} ms, without ${best(panel.without).toFixed(1)} ms`,
  );
  console.log(
    `    → verdicts for ${headers} headers ≈ ${verdicts.toFixed(1)} ms (${((verdicts * 1000) / headers).toFixed(2)} µs a header)`,
  );
  console.log(
    `  in the panel, ingest again (warm): with ${best(panel.warmWith).toFixed(1)} ms, without ${best(panel.warmWithout).toFixed(1)} ms`,
  );
  console.log(
    `    → verdicts for ${headers} headers ≈ ${warm.toFixed(1)} ms (goal < 50 ms; ${((warm * 1000) / headers).toFixed(2)} µs a header)`,
  );
  console.log(
    `    Cookies view of one request, with observed truth: ${best(panel.cookiesView).toFixed(1)} ms`,
  );
  console.log(
    `  in Node (best of 7): engine Chromium ${best(node.chromium).toFixed(1)} ms, Firefox ${best(node.firefox).toFixed(1)} ms;`,
  );
  console.log(
    `    set-cookie-parser parse only ${best(node.parser).toFixed(1)} ms (engine/parse ×${(best(node.chromium) / best(node.parser)).toFixed(1)}: parse + store model + public suffix + dates)`,
  );
} finally {
  await browser.close();
  await server.close();
}
