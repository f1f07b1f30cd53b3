import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import { recordResponses, submit, timed, withPairedDemo } from './common.js';
import { decoded, openTab, screenshotPath, selectNewRow } from './views-support.js';

interface CookieRow {
  name: string;
  expiry: string;
  httpOnly: string;
  cells: string[];
}

const SET_COOKIE_ROWS = `[...document.querySelectorAll('[data-testid=view-cookies] [data-testid=set-cookie-row]')].map((r) => ({ name: r.dataset.name, expiry: r.dataset.expiry, httpOnly: r.dataset.httponly, cells: [...r.querySelectorAll('td')].map((td) => td.textContent.trim()) }))`;
const DECODED = `[...document.querySelectorAll('[data-testid=view-cookies] [data-testid=decoded-cookie]')].map((r) => ({ name: r.dataset.name, format: r.dataset.format, text: r.textContent }))`;
/** Column order of the Set-Cookie table (CookiesView): Name, Browser (the engine's verdict), Bytes, Expiry, HttpOnly, Secure, SameSite, Path, Domain, … */
const COL = { browser: 1, expiry: 3, httpOnly: 4, secure: 5, sameSite: 6, path: 7 };

/**
 * Memory mode: the Cookies view lists connect.sid (the session cookie) as HttpOnly, SameSite Lax,
 * a browser-session cookie (then persistent after remember-me), and decodes it as an
 * express-session id.
 */
export async function viewsCookies(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    const page = panel.page;
    const responses = recordResponses(page);
    await timed('first visit: connect.sid row', t, async () => {
      await panel.gotoInInspectedTab(url('/'));
      await selectNewRow(
        panel,
        'GET',
        url('/'),
        -1,
        (r) => r.state === 'decoded' && r.change === 'new',
        'GET / decoded as new',
      );
      await openTab(panel, 'cookies');
      const rows = await panel.waitInPanel<CookieRow[]>(
        `(() => { const r = ${SET_COOKIE_ROWS}; return r.some((x) => x.name === 'connect.sid') ? r : null; })()`,
        {
          timeoutMs: 5_000,
          what: 'set-cookie-row connect.sid',
        },
      );
      const sid = rows.find((r) => r.name === 'connect.sid')!;
      expect(sid.httpOnly).toBe('true');
      expect(sid.expiry).toBe('session');
      expect(sid.cells[COL.httpOnly]).toBe('✓');
      expect(sid.cells[COL.secure]).toBe('✗'); // loopback http: the demo sets no Secure
      expect(sid.cells[COL.sameSite]?.toLowerCase()).toBe('lax');
      expect(sid.cells[COL.path]).toBe('/');
      expect(sid.cells[0]).toContain('session'); // tagged as the session cookie
      expect(sid.cells[COL.expiry]).toBe('browser session');
      expect(sid.cells[COL.browser]).toMatch(/^stored by (Chromium|Firefox)$/);

      const decodedCookies = await panel.waitInPanel<{ name: string; format: string; text: string }[]>(
        `(() => { const d = ${DECODED}; return d.some((x) => x.name === 'connect.sid') ? d : null; })()`,
        { timeoutMs: 5_000, what: 'decoded-cookie connect.sid' },
      );
      expect(decodedCookies.find((d) => d.name === 'connect.sid')?.format).toBe('express-session');

      const configured = await panel.panelEval<string>(
        `document.querySelector('[data-testid=view-cookies] [data-testid=configured-cookie]')?.textContent ?? ''`,
      );
      expect(configured).toContain('connect.sid');
      expect(configured).toContain('HttpOnly true');
      expect(configured.toLowerCase()).toContain('samesite lax');
    });

    await timed('remember-me: persistent expiry', t, async () => {
      await submit(page, 'remember-on');
      await selectNewRow(panel, 'POST', url('/remember'), -1, decoded, 'POST /remember decoded');
      await openTab(panel, 'cookies');
      let seen: unknown = null;
      const rows = await pollUntil(
        async () => {
          const r = await panel.panelEval<CookieRow[]>(SET_COOKIE_ROWS);
          seen = {
            title: await panel.panelEval<string>(
              `document.querySelector('[data-testid=detail-title]')?.textContent`,
            ),
            rows: r,
          };
          return r.some((x) => x.name === 'connect.sid' && x.expiry === 'persistent') ? r : null;
        },
        { timeoutMs: 5_000, what: 'set-cookie-row connect.sid persistent after POST /remember' },
      ).catch((error: Error) => {
        const sent = responses
          .filter((r) => r.url === url('/remember'))
          .map((r) => ({ status: r.status, setCookie: r.headers['set-cookie'] ?? null }));
        throw new Error(
          `${error.message}; the Cookies view showed ${JSON.stringify(seen)}; the tab received ${JSON.stringify(sent)}`,
        );
      });
      const sid = rows.find((r) => r.name === 'connect.sid')!;
      expect(sid.httpOnly).toBe('true');
      expect(sid.cells[COL.sameSite]?.toLowerCase()).toBe('lax');
      expect(sid.cells[COL.expiry]).toMatch(/\(in (29|30) d, /);
    });
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('cookies', browser)));
  });
}
