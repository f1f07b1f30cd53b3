/**
 * Quick look at the panel (inline shell) at the two dock sizes, both themes, fed the cookie-mode
 * click-through where the browser drops the oversized cookie.
 *   npx vite build -c vite.inline.config.ts && npx tsx scripts/screenshot-layouts.ts [outDir]
 */
import puppeteer from 'puppeteer-core';
import { exportHistory } from '../extension/core/history/format.js';
import { serveStatic } from '../test-support/static-server.js';
import { recordDemoHistory } from './record-demo-history.js';

const out = process.argv[2] ?? '.e2e-artifacts';
const records = await recordDemoHistory({ store: 'cookie', dropOversized: true });
const server = await serveStatic('dist/inline', { '/lost.json': exportHistory(records, Date.now()) });
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const lost =
  records.findIndex(
    (r, i) =>
      i > 0 &&
      r.debug.state === 'decoded' &&
      (r.debug.payload as { session: { before: unknown } }).session.before === null &&
      records[i - 1]!.url.endsWith('/bloat'),
  ) + 1;
try {
  const page = await browser.newPage();
  for (const [name, width, height] of [
    ['bottom', 1400, 420],
    ['right', 500, 860],
  ] as const) {
    for (const theme of ['light', 'dark']) {
      await page.setViewport({ width, height });
      await page.goto(
        `${server.url}/extension/panel/inline.html?history=/lost.json&select=${lost}&tab=diff&theme=${theme}`,
      );
      await page.waitForSelector('body[data-ready=true]');
      await page.screenshot({ path: `${out}/inline-${name}-${theme}.png` });
      console.log(`${out}/inline-${name}-${theme}.png`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
