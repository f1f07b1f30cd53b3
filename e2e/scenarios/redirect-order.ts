import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { rows, selectRow, submit, timed, waitForRow, withPairedDemo } from './common.js';

/**
 * A POST answered with 303 is listed before the GET it redirects to, and its "since the previous
 * request of this session" diff is empty: nothing happened between the two requests.
 * (Firefox reports the redirected POST's HAR entry after the followed GET.)
 */
export async function redirectOrder(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, demo, url, t }) => {
    await panel.gotoInInspectedTab(url('/'));
    await waitForRow(panel, 'GET', url('/'), (r) => r.state === 'decoded', 'GET / decoded');
    await submit(panel.page, 'home-cart-add');
    await waitForRow(panel, 'POST', url('/cart/add'), (r) => r.state === 'decoded', 'POST /cart/add decoded');
    await waitForRow(panel, 'GET', url('/cart'), (r) => r.state === 'decoded', 'GET /cart decoded');

    const order = (await rows(panel))
      .filter((r) => r.url.startsWith(demo.url) && !r.url.endsWith('/favicon.ico'))
      .map((r) => `${r.method} ${new URL(r.url).pathname}`);
    expect(order).toEqual(['GET /', 'POST /cart/add', 'GET /cart']);

    await selectRow(panel, 'POST', url('/cart/add'));
    await panel.clickInPanel('[data-testid=tab-diff]');
    await panel.waitInPanel(`!!document.querySelector('[data-testid=diff-handler]')`, {
      timeoutMs: 5_000,
      what: 'diff-handler of POST /cart/add',
    });
    const sincePrevious = await panel.panelEval<string[]>(
      `[...document.querySelectorAll('[data-testid=diff-previous] [data-testid=diff-entry]')].map((e) => e.dataset.kind + ' ' + e.dataset.path)`,
    );
    expect(sincePrevious, 'changes "since the previous request" of POST /cart/add').toEqual([]);
  });
}
