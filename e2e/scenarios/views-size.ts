import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { submit, timed, withPairedDemo } from './common.js';
import { notPending, openTab, screenshotPath, selectNewRow } from './views-support.js';

const GAUGE = (name: string) =>
  `(() => { const g = document.querySelector('[data-testid=view-size] [data-testid=size-gauge][data-name=${JSON.stringify(name)}]'); return g ? { level: g.dataset.level, bytes: Number(g.dataset.bytes) } : null; })()`;
const DROPPED = `[...document.querySelectorAll('[data-testid=view-size] [data-testid=size-dropped]')].map((d) => d.dataset.name)`;

/**
 * Cookie mode (cookie-session): POST /bloat adds 600 bytes per call. On the `session` cookie the
 * Size view's gauge goes ok → warning → error (warning first), and once a Set-Cookie passes
 * 4096 bytes the browser really ignores it: the next request still sends the old value, which
 * the Size view reports as `size-dropped` for `session`.
 */
export async function viewsSize(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'cookie' }, async ({ panel, url, t }) => {
    const page = panel.page;
    await panel.gotoInInspectedTab(url('/'));
    const levels: { level: string; bytes: number }[] = [];
    let lastId = -1;
    let clicks = 0;
    await timed('bloat until error', t, async () => {
      while (clicks < 10) {
        await submit(page, 'bloat');
        clicks++;
        lastId = await selectNewRow(
          panel,
          'POST',
          url('/bloat'),
          lastId,
          notPending,
          `POST /bloat #${clicks} recorded`,
        );
        await openTab(panel, 'size');
        const gauge = await panel.waitInPanel<{ level: string; bytes: number }>(GAUGE('session'), {
          timeoutMs: 5_000,
          what: `the size-gauge of session on POST /bloat #${clicks}`,
        });
        levels.push(gauge);
        if (gauge.level === 'error') break;
      }
    });
    const sequence = levels.map((l) => l.level);
    const firstWarning = sequence.indexOf('warning');
    const firstError = sequence.indexOf('error');
    expect(firstWarning, `gauge levels ${JSON.stringify(levels)}`).toBeGreaterThanOrEqual(0);
    expect(firstError, `gauge levels ${JSON.stringify(levels)}`).toBeGreaterThan(firstWarning);
    expect(sequence.slice(0, firstWarning).every((l) => l === 'ok')).toBe(true);
    expect(levels[firstError]!.bytes).toBeGreaterThan(4096);
    expect(levels[firstError - 1]!.bytes).toBeLessThanOrEqual(4096);
    t['clicks to error'] = clicks;

    await timed('dropped (browser kept the old value)', t, async () => {
      // The verdict needs the next request's Cookie header: the GET / the POST redirected to.
      const dropped = await panel.waitInPanel<string[]>(
        `(() => { const d = ${DROPPED}; return d.includes('session') ? d : null; })()`,
        {
          timeoutMs: 10_000,
          what: 'size-dropped for session in the Size view',
        },
      );
      expect(dropped).toContain('session');
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=size-series][data-name=session]')?.dataset.worst ?? ''`,
        ),
      ).toBe('error');
      // The same truth, seen by the app: the last chunk never came back. (cookie-session: the
      // small session.sig of the dropped value was stored, so the old value fails its signature
      // and the app starts from an empty session: it forgot every chunk, not only the last.)
      const chunks = Number(await page.$eval('[data-testid=bloat-count]', (e) => e.textContent));
      t['bloat chunks the app still sees'] = chunks;
      expect(chunks).toBeLessThan(clicks);
    });
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('size', browser)));
    console.log(`${browser} size levels: ${JSON.stringify(levels)}`);
  });
}
