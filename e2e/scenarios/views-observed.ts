import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { pollUntil, type BrowserName } from '../harness/index.js';
import { openPanel, rows, timed } from './common.js';
import { openTab, screenshotPath, selectNewRow } from './views-support.js';

/**
 * Observed truth for a cause other than size: a small app logs in (`sid=old`), then "upgrades"
 * the session with `sid=new; SameSite=None` but no Secure, which both browsers refuse (RFC
 * 6265bis §5.7). The next request still carries `sid=old`. The Cookies view of the upgrade
 * shows what the browser really did ("… did not keep `sid`: the next request to /next still
 * sent the old value"), the row is marked not kept, and the Timeline draws no second `sid`.
 */
function startApp(): Promise<{ server: Server; url: (path: string) => string }> {
  const server = createServer((req, res) => {
    const page = (body: string) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(`<!doctype html><title>observed</title>${body}`);
    };
    if (req.url === '/login') res.setHeader('Set-Cookie', 'sid=old; Path=/; HttpOnly');
    if (req.url === '/upgrade') res.setHeader('Set-Cookie', 'sid=new; Path=/; HttpOnly; SameSite=None');
    page(`<p data-testid="cookie">${(req.headers.cookie ?? '').replace(/[<&]/g, '')}</p>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: (path) => `http://127.0.0.1:${port}${path}` });
    }),
  );
}

export async function viewsObserved(browser: BrowserName): Promise<Record<string, number>> {
  const t: Record<string, number> = {};
  const { server, url } = await startApp();
  const panel = await openPanel(browser);
  try {
    await timed('warm-up (network subscription live)', t, () =>
      pollUntil(
        async () => {
          await panel.gotoInInspectedTab(url('/warm-up'));
          return (await rows(panel)).some((r) => r.url === url('/warm-up'));
        },
        { timeoutMs: 20_000, what: 'a /warm-up row in the panel' },
      ),
    );
    await timed('login, upgrade, next', t, async () => {
      // One at a time: Firefox drops a HAR entry still in flight when the page navigates on.
      for (const path of ['/login', '/upgrade', '/next']) {
        await panel.gotoInInspectedTab(url(path));
        await pollUntil(async () => (await rows(panel)).some((r) => r.url === url(path)), {
          timeoutMs: 10_000,
          what: `the ${path} row in the panel`,
        });
      }
    });
    // The app itself sees the truth: the old session id came back.
    expect(await panel.page.$eval('[data-testid=cookie]', (e) => e.textContent)).toBe('sid=old');

    await selectNewRow(panel, 'GET', url('/next'), -1, () => true, 'GET /next recorded');
    await selectNewRow(panel, 'GET', url('/upgrade'), -1, () => true, 'GET /upgrade selectable');
    await openTab(panel, 'cookies');
    const drop = await timed('observed drop shown', t, () =>
      panel.waitInPanel<{ text: string; predicted: string }>(
        `(() => { const d = document.querySelector('[data-testid=view-cookies] [data-testid=observed-drop][data-name=sid]'); return d ? { text: d.textContent, predicted: d.dataset.predicted } : null; })()`,
        { timeoutMs: 10_000, what: 'observed-drop for sid in the Cookies view' },
      ),
    );
    const label = browser === 'chromium' ? 'Chromium' : 'Firefox';
    // The next request to a matching URL: /next, or the favicon the browser fetched in between.
    expect(drop.text).toMatch(
      new RegExp(
        `^${label} did not keep \`sid\`: the next request to /(next|favicon\\.ico) still sent the old value\\.`,
      ),
    );
    // The engine predicted it too, and says why, citing the rule.
    expect(drop.predicted).toBe('rejected');
    const row = await panel.panelEval<{ outcome: string; verdict: string }>(
      `(() => { const r = document.querySelector('[data-testid=set-cookie-row][data-name=sid]'); return { outcome: r.dataset.outcome, verdict: r.querySelector('[data-testid=cookie-outcome]').textContent }; })()`,
    );
    expect(row).toEqual({ outcome: 'rejected', verdict: `rejected by ${label}: samesite-none-insecure` });
    expect(
      await panel.panelEval<string[]>(
        `[...document.querySelectorAll('[data-testid=view-cookies] [data-testid=cookie-finding]')].map((f) => f.dataset.rule)`,
      ),
    ).toContain('samesite-none-insecure');

    await openTab(panel, 'timeline');
    const segments = await panel.waitInPanel<{ n: string; ends: string[] }>(
      `(() => { const r = document.querySelector('[data-testid=timeline-row][data-name=sid]'); return r ? { n: r.dataset.segments, ends: [...r.querySelectorAll('[data-testid=timeline-segment]')].map((s) => s.dataset.end) } : null; })()`,
      { timeoutMs: 5_000, what: 'the sid row of the Timeline' },
    );
    // One segment, from /login, still live: the refused sid=new is not drawn as replacing it.
    expect(segments).toEqual({ n: '1', ends: ['live'] });
    await openTab(panel, 'cookies');
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('observed', browser)));
  } finally {
    await panel.close();
    server.close();
  }
  return t;
}
