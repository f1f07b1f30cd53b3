import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { recordResponses, submit, timed, waitForRow, warmUp, withPairedDemo } from './common.js';

/** Without pairing: the server is in debug mode, yet requests show as plain and no X-Sessionscope header reaches the browser. */
export async function unpaired(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(
    browser,
    { store: 'memory' },
    async ({ panel, demo, url, t }) => {
      expect(
        await panel.panelEval<string>(`document.querySelector('[data-testid=pairing-status]').textContent`),
      ).toMatch(/Not paired/);
      await timed('warm-up (network subscription live)', t, () => warmUp(panel, url, 'plain', t));
      const responses = recordResponses(panel.page);

      await timed('visit + login + cart, unpaired', t, async () => {
        await panel.gotoInInspectedTab(url('/'));
        await waitForRow(
          panel,
          'GET',
          url('/'),
          (r) => r.state === 'plain' && r.change === '',
          'GET / as plain',
        );
        await submit(panel.page, 'login');
        await waitForRow(panel, 'POST', url('/login'), (r) => r.state === 'plain', 'POST /login as plain');
        await submit(panel.page, 'home-cart-add');
        await waitForRow(
          panel,
          'POST',
          url('/cart/add'),
          (r) => r.state === 'plain',
          'POST /cart/add as plain',
        );
      });

      const fromDemo = responses.filter((r) => r.url.startsWith(demo.url));
      expect(fromDemo.map((r) => r.url)).toEqual(
        expect.arrayContaining([url('/'), url('/login'), url('/cart/add'), url('/cart')]),
      );
      for (const r of fromDemo) {
        const debugHeaders = Object.keys(r.headers).filter((h) =>
          h.toLowerCase().startsWith('x-sessionscope'),
        );
        expect(debugHeaders, `${r.url} carries no X-Sessionscope* header`).toEqual([]);
      }
      // The session cookie itself does reach the browser (the app is untouched).
      expect(fromDemo.some((r) => /set-cookie/i.test(Object.keys(r.headers).join(',')))).toBe(true);
      // No row is decoded or error.
      const states = await panel.panelEval<string[]>(
        `[...document.querySelectorAll('[data-testid=request-row]')].map((r) => r.dataset.state)`,
      );
      expect(states.filter((st) => st !== 'plain')).toEqual([]);
    },
    {},
    { pair: false },
  );
}
