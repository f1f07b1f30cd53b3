import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { rows, waitForRow, withPairedDemo, type Row } from './common.js';

/**
 * Every payload by reference (inlineLimit 0): the panel fetches each one from its extension
 * page, with the key id, from an endpoint that answers no CORS preflight and sends no
 * Access-Control-* header (security review 11.7). Host permissions exempt the panel from
 * CORS in both browsers; this proves it. Entries are handed out once.
 */
export async function byReference(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(
    browser,
    { store: 'memory' },
    async ({ panel, url }) => {
      const decoded = (change: string) => (r: Row) => r.state === 'decoded' && r.change === change;
      await panel.gotoInInspectedTab(url('/'));
      await waitForRow(panel, 'GET', url('/'), decoded('new'), 'GET / by reference, decoded as new');
      await panel.gotoInInspectedTab(url('/'));
      await waitForRow(
        panel,
        'GET',
        url('/'),
        decoded('modified'),
        'second GET / by reference, decoded as modified',
      );
      const seen = (await rows(panel)).filter((r) => r.url === url('/'));
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.every((r) => r.state === 'decoded')).toBe(true);
    },
    { inlineLimit: 0 },
  );
}
