/**
 * Screenshots of every panel view, from the inline shell fed a real recorded click-through
 * of the demo app (scripts/record-demo-history.ts), in Debian's Chromium.
 *   npx vite build -c vite.inline.config.ts && npx tsx scripts/screenshot-views.ts
 */
import puppeteer from 'puppeteer-core';
import { exportHistory } from '../extension/core/history/format.js';
import { serveStatic } from '../test-support/static-server.js';
import { recordDemoHistory } from './record-demo-history.js';

const records = await recordDemoHistory();
const cookieRecords = await recordDemoHistory({ store: 'cookie' });
const rollingRecords = await recordDemoHistory({ rolling: true });
const lostRecords = await recordDemoHistory({ store: 'cookie', dropOversized: true });
const server = await serveStatic('dist/inline', {
  '/history.json': exportHistory(records, Date.now(), { secrets: 'included' }),
  '/cookie.json': exportHistory(cookieRecords, Date.now(), { secrets: 'included' }),
  '/rolling.json': exportHistory(rollingRecords, Date.now(), { secrets: 'included' }),
  '/lost.json': exportHistory(lostRecords, Date.now(), { secrets: 'included' }),
});
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const byPath = (p: string, method = 'POST') => records.findIndex((r) => r.method === method && new URL(r.url).pathname === p) + 1;
// The first request after a POST /bloat that starts without a session: the browser dropped the cookie.
const lostAt =
  lostRecords.findIndex(
    (r, i) =>
      i > 0 &&
      r.debug.state === 'decoded' &&
      (r.debug.payload as { session: { before: unknown } }).session.before === null &&
      /\/bloat$/.test(lostRecords[i - 1]!.url),
  ) + 1;
const lastBloat = cookieRecords.findLastIndex((r) => r.method === 'POST' && r.url.endsWith('/bloat')) + 1;
const shots: [string, string, number, string, string][] = [
  ['diff', 'lost', lostAt, 'diff', 'light'],
  ['diff-login', 'history', byPath('/login'), 'diff', 'dark'],
  ['session', 'history', byPath('/types', 'GET'), 'session', 'light'],
  ['cookies', 'history', byPath('/remember'), 'cookies', 'light'],
  ['size', 'cookie', lastBloat, 'size', 'light'],
  ['timeline', 'rolling', rollingRecords.length - 2, 'timeline', 'light'],
  ['security', 'cookie', 1, 'security', 'dark'],
];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  for (const [name, file, select, tab, theme] of shots) {
    await page.goto(`${server.url}/extension/panel/inline.html?history=/${file}.json&select=${select}&tab=${tab}&theme=${theme}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector(`[data-testid=view-${tab}]`);
    await page.screenshot({ path: `docs/screenshots/view-${name}.png` });
    console.log(`docs/screenshots/view-${name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
