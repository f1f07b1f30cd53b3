import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { submit, timed, withPairedDemo } from './common.js';
import {
  decoded,
  openTab,
  screenshotPath,
  selectNewRow,
  selectedRecordId,
  waitForCount,
} from './views-support.js';

interface Finding {
  id: string;
  request: string;
  text: string;
}

const FINDINGS = `[...document.querySelectorAll('[data-testid=view-security] [data-testid=security-finding]')].map((f) => ({ id: f.dataset.id, request: f.dataset.request, text: f.textContent }))`;

/**
 * Memory mode: POST /login-fixation (user set, id kept) → the Security view lists a
 * session-fixation finding pointing at that request; POST /login (regenerate) raises none.
 */
export async function viewsFixation(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    const page = panel.page;
    await panel.gotoInInspectedTab(url('/'));
    const homeId = await selectNewRow(panel, 'GET', url('/'), -1, decoded, 'GET / decoded');

    const fixationId = await timed('login-fixation → finding', t, async () => {
      await submit(page, 'login-fixation');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('mallory');
      const id = await selectNewRow(
        panel,
        'POST',
        url('/login-fixation'),
        homeId,
        decoded,
        'POST /login-fixation decoded',
      );
      await openTab(panel, 'security');
      const findings = await panel.waitInPanel<Finding[]>(
        `(() => { const f = ${FINDINGS}; return f.some((x) => x.id === 'session-fixation') ? f : null; })()`,
        {
          timeoutMs: 5_000,
          what: 'a session-fixation finding in the Security view',
        },
      );
      const fixation = findings.filter((f) => f.id === 'session-fixation');
      expect(fixation).toHaveLength(1);
      expect(fixation[0]!.request).toBe(String(id));
      expect(fixation[0]!.text).toContain('/login-fixation');
      // The finding's link selects the request it points at.
      await panel.panelEval(
        `document.querySelector('[data-testid=security-finding][data-id=session-fixation] button').click()`,
      );
      await panel.waitInPanel(
        `[...document.querySelectorAll('[data-testid=request-row][aria-selected=true]')].some((r) => r.dataset.method === 'POST' && r.dataset.url === ${JSON.stringify(url('/login-fixation'))})`,
        { timeoutMs: 5_000, what: 'the finding link selecting POST /login-fixation' },
      );
      expect(await selectedRecordId(panel)).toBe(id);
      return id;
    });

    await timed('login (rotated) → no new finding', t, async () => {
      await page.goto(url('/'), { waitUntil: 'load' });
      await submit(page, 'login');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('ann');
      const loginId = await selectNewRow(
        panel,
        'POST',
        url('/login'),
        fixationId,
        (r) => r.state === 'decoded' && r.change === 'regenerated',
        'POST /login regenerated',
      );
      // The GET / the login redirects to is recorded too (Firefox lists it first): let it land before judging.
      await waitForCount(panel, 'GET', url('/'), 4, decoded, 'four GET / rows decoded');
      await openTab(panel, 'security');
      const findings = await panel.waitInPanel<Finding[]>(
        `(() => { const f = ${FINDINGS}; return f.length > 0 ? f : null; })()`,
        {
          timeoutMs: 5_000,
          what: 'the Security view findings',
        },
      );
      expect(findings.filter((f) => f.id === 'session-fixation').map((f) => f.request)).toEqual([
        String(fixationId),
      ]);
      expect(findings.some((f) => f.request === String(loginId))).toBe(false);
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=security-finding][data-id=session-fixation]').textContent`,
        ),
      ).not.toContain('POST ' + url('/login') + ')');
    });
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('security', browser)));
  });
}
