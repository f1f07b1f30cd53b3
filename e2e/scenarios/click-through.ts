import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import {
  DIFF_ENTRIES,
  SCREENSHOTS,
  rows,
  selectRow,
  submit,
  timed,
  waitForRow,
  type DiffEntry,
  type Row,
  withPairedDemo,
} from './common.js';

const decoded = (change: string) => (r: Row) => r.state === 'decoded' && r.change === change;

/**
 * Paired click-through on the real demo app: visit (counter), login (POST → regenerated),
 * add to cart, logout (destroyed); rows decoded with the right change, diff entries for user and cart.
 */
export async function clickThrough(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    const page = panel.page;

    await timed('visit (new, then modified)', t, async () => {
      await panel.gotoInInspectedTab(url('/'));
      expect(await page.$eval('[data-testid=views]', (e) => e.textContent)).toBe('1');
      await waitForRow(panel, 'GET', url('/'), decoded('new'), 'GET / decoded as new');
      await panel.gotoInInspectedTab(url('/'));
      expect(await page.$eval('[data-testid=views]', (e) => e.textContent)).toBe('2');
      const row = await waitForRow(
        panel,
        'GET',
        url('/'),
        decoded('modified'),
        'second GET / decoded as modified',
      );
      expect(row.status).toBe('200');
    });

    await timed('login (regenerated)', t, async () => {
      await submit(page, 'login');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('ann');
      const row = await waitForRow(
        panel,
        'POST',
        url('/login'),
        decoded('regenerated'),
        'POST /login decoded as regenerated',
      );
      expect(row.status).toBe('303');
      await selectRow(panel, 'POST', url('/login'));
      await panel.clickInPanel('[data-testid=tab-diff]');
      await panel.waitInPanel(
        `document.querySelector('[data-testid=change-badge]')?.dataset.change === 'regenerated'`,
        {
          timeoutMs: 5_000,
          what: 'change-badge regenerated for POST /login',
        },
      );
      const entries = await panel.waitInPanel<DiffEntry[]>(
        `(() => { const e = ${DIFF_ENTRIES}; return e.some((x) => x.path === 'user') ? e : null; })()`,
        { timeoutMs: 5_000, what: 'a diff entry for user on POST /login' },
      );
      expect(entries.find((e) => e.path === 'user')?.kind).toBe('added');
    });

    await timed('add to cart (modified, cart diff)', t, async () => {
      await submit(page, 'home-cart-add');
      expect(await page.$eval('[data-testid=cart-qty-teapot]', (e) => e.textContent)).toBe('1');
      await waitForRow(
        panel,
        'POST',
        url('/cart/add'),
        decoded('modified'),
        'POST /cart/add decoded as modified',
      );
      await selectRow(panel, 'POST', url('/cart/add'));
      await panel.clickInPanel('[data-testid=tab-diff]');
      const entries = await panel.waitInPanel<DiffEntry[]>(
        `(() => { const e = ${DIFF_ENTRIES}; return e.some((x) => x.path.startsWith('cart')) ? e : null; })()`,
        { timeoutMs: 5_000, what: 'a diff entry under cart on POST /cart/add' },
      );
      expect(entries.filter((e) => e.path.startsWith('cart')).length).toBeGreaterThan(0);
    });

    await timed('add the same item again (cart.items[0].qty changed)', t, async () => {
      const cartAdds = async () =>
        (await rows(panel)).filter((r) => r.method === 'POST' && r.url === url('/cart/add')).length;
      const before = await cartAdds();
      await submit(page, 'cart-add');
      expect(await page.$eval('[data-testid=cart-qty-teapot]', (e) => e.textContent)).toBe('2');
      await pollUntil(async () => (await cartAdds()) > before, {
        timeoutMs: 10_000,
        what: 'a second POST /cart/add row',
      });
      await waitForRow(
        panel,
        'POST',
        url('/cart/add'),
        decoded('modified'),
        'second POST /cart/add decoded as modified',
      );
      await selectRow(panel, 'POST', url('/cart/add'));
      await panel.clickInPanel('[data-testid=tab-diff]');
      const entries = await panel.waitInPanel<DiffEntry[]>(
        `(() => { const e = ${DIFF_ENTRIES}; return e.some((x) => x.path === 'cart.items[0].qty') ? e : null; })()`,
        { timeoutMs: 5_000, what: 'a diff entry cart.items[0].qty on the second POST /cart/add' },
      );
      expect(entries.find((e) => e.path === 'cart.items[0].qty')?.kind).toBe('changed');
    });

    await timed('logout (destroyed)', t, async () => {
      await page.goto(url('/'), { waitUntil: 'load' });
      await submit(page, 'logout');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('anonymous');
      await waitForRow(
        panel,
        'POST',
        url('/logout'),
        decoded('destroyed'),
        'POST /logout decoded as destroyed',
      );
      await selectRow(panel, 'POST', url('/logout'));
      await panel.clickInPanel('[data-testid=tab-session]');
      await panel.waitInPanel(`!!document.querySelector('[data-testid=session-tree]')`, {
        timeoutMs: 5_000,
        what: 'session-tree for POST /logout',
      });
    });
    // The screenshot: every row of the walk, the login selected (regenerated, its diff).
    await timed('screenshot', t, async () => {
      await selectRow(panel, 'POST', url('/login'));
      await panel.clickInPanel('[data-testid=tab-diff]');
      await panel.waitInPanel(
        `document.querySelector('[data-testid=change-badge]')?.dataset.change === 'regenerated'`,
        {
          timeoutMs: 5_000,
          what: 'the login diff before the screenshot',
        },
      );
      await panel.screenshot(`${SCREENSHOTS}/${browser}-panel.png`);
    });
  });
}
