import { expect } from 'vitest';
import { generateKey } from '../../protocol/src/keys.js';
import type { BrowserName } from '../harness/index.js';
import { timed, untilPageAnswers, withPairedDemo } from './common.js';

/**
 * Paired with a valid-looking key the server does not know: every request comes back without a
 * payload. The panel names the origin and says the server does not know this key id or does not run
 * server-lib (and how to check each), instead of "header on" and silence.
 */
export async function wrongKey(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(
    browser,
    { store: 'memory' },
    async ({ panel, url, t }) => {
      const other = await generateKey();
      // Pairing binds the key id to the origin the tab shows: open the app first, as a developer does.
      await panel.gotoInInspectedTab(url('/health'));
      await untilPageAnswers(panel, url);
      await panel.typeInPanel('[data-testid=pairing-input]', other.pairing);
      await panel.clickInPanel('[data-testid=pairing-save]');
      await panel.waitInPanel(
        `document.querySelector('[data-testid=pairing-status]')?.textContent.includes(${JSON.stringify(other.kid)})`,
        {
          timeoutMs: 5_000,
          what: 'paired with the other key',
        },
      );
      const origin = new URL(url('/')).origin;
      const said = await timed('silent origin named', t, async () => {
        for (let i = 0; i < 10; i++) {
          await panel.gotoInInspectedTab(url(i % 2 === 0 ? '/' : '/health'));
          const found = await panel.panelEval<{ origin: string; text: string } | null>(
            `(() => { const e = document.querySelector('[data-testid=pairing-silent]'); return e ? { origin: e.dataset.origin, text: e.textContent } : null; })()`,
          );
          if (found) return found;
        }
        return panel.waitInPanel<{ origin: string; text: string }>(
          `(() => { const e = document.querySelector('[data-testid=pairing-silent]'); return e ? { origin: e.dataset.origin, text: e.textContent } : null; })()`,
          { timeoutMs: 10_000, what: 'the silent-origin notice' },
        );
      });
      expect(said.origin).toBe(origin);
      expect(said.text).toContain(`does not know key id ${other.kid}`);
      expect(said.text).toContain(other.kid);
    },
    {},
    { pair: false },
  );
}
