import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import { recordResponses, timed, waitForRow, withPairedDemo } from './common.js';

/** Unpairing in the panel stops the key id at once: the next requests are plain, no debug header. */
export async function unpair(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    await panel.gotoInInspectedTab(url('/'));
    await waitForRow(
      panel,
      'GET',
      url('/'),
      (r) => r.state === 'decoded' && r.change === 'new',
      'GET / decoded as new while paired',
    );

    await panel.clickInPanel('[data-testid=unpair]');
    await panel.waitInPanel(
      `/Not paired/.test(document.querySelector('[data-testid=pairing-status]')?.textContent ?? '')`,
      {
        timeoutMs: 5_000,
        what: 'pairing-status "Not paired" after unpair',
      },
    );
    expect(await panel.panelEval<boolean>(`!!document.querySelector('[data-testid=pairing-input]')`)).toBe(
      true,
    );

    const responses = recordResponses(panel.page);
    let attempts = 0;
    await timed('plain after unpair', t, () =>
      pollUntil(
        async () => {
          attempts++;
          responses.length = 0;
          await panel.gotoInInspectedTab(url('/'));
          const r = responses.find((x) => x.url === url('/'));
          return r !== undefined && !Object.keys(r.headers).some((h) => h.startsWith('x-sessionscope'));
        },
        { timeoutMs: 5_000, intervalMs: 200, what: 'GET / without X-Sessionscope after unpair' },
      ),
    );
    t['navigations until plain'] = attempts;
    await waitForRow(
      panel,
      'GET',
      url('/'),
      (r) => r.state === 'plain',
      'the last GET / as plain after unpair',
    );
  });
}
