import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import { recordResponses, submit, timed, withPairedDemo } from './common.js';

const debugHeaders = (headers: Record<string, string>) =>
  Object.keys(headers).filter((h) => h.toLowerCase().startsWith('x-sessionscope'));

/**
 * The key id goes out only while the panel is open: paired, the demo answers with X-Sessionscope;
 * after DevTools closes, the same tab's requests get no debug header (the background dropped the rule).
 */
export async function panelClosed(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, demo, url, t }) => {
    const responses = recordResponses(panel.page);
    await panel.gotoInInspectedTab(url('/'));
    const open = responses.find((r) => r.url === url('/'));
    expect(open && debugHeaders(open.headers), 'GET / with the panel open carries X-Sessionscope').toEqual([
      'x-sessionscope',
    ]);

    await timed('close DevTools', t, () => panel.closeDevTools());
    // Rule removal follows the panel port's disconnect in the background: allow it a moment, and count.
    let attempts = 0;
    await timed('header gone after close', t, () =>
      pollUntil(
        async () => {
          attempts++;
          responses.length = 0;
          await panel.page.goto(url('/health'), { waitUntil: 'load' });
          const r = responses.find((x) => x.url === url('/health'));
          return r !== undefined && debugHeaders(r.headers).length === 0;
        },
        { timeoutMs: 5_000, intervalMs: 200, what: 'no X-Sessionscope on /health after DevTools closed' },
      ),
    );
    t['navigations until header gone'] = attempts;
    responses.length = 0;
    await panel.page.goto(url('/'), { waitUntil: 'load' });
    await submit(panel.page, 'login');
    const fromDemo = responses.filter((r) => r.url.startsWith(demo.url));
    expect(fromDemo.map((r) => r.url)).toEqual(expect.arrayContaining([url('/'), url('/login')]));
    for (const r of fromDemo) expect(debugHeaders(r.headers), `${r.url} after DevTools closed`).toEqual([]);
  });
}
