import { expect } from 'vitest';
import { generateKey } from '../../protocol/src/keys.js';
import { startDemo } from '../../demo-app/src/server.js';
import { pollUntil, type BrowserName, type PanelSession } from '../harness/index.js';
import { openPanel, pairAndWarmUp, recordResponses, timed, waitForRow } from './common.js';

/** Unpairing in the panel stops the key id at once: the next requests are plain, no debug header. */
export async function unpair(browser: BrowserName): Promise<Record<string, number>> {
  const key = await generateKey();
  const demo = await startDemo({ port: 0, store: 'memory', sessionscope: { keys: [key.pairing] } });
  const t: Record<string, number> = {};
  let s: PanelSession | undefined;
  try {
    s = await timed('launch→panel usable', t, () => openPanel(browser));
    const panel = s;
    const url = (path: string) => `${demo.url}${path}`;
    await pairAndWarmUp(panel, key, url, t);
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
    return t;
  } finally {
    await s?.close();
    await demo.close();
  }
}
