import { expect } from 'vitest';
import { startDemo } from '../../demo-app/src/server.js';
import type { BrowserName } from '../harness/index.js';
import { submit, timed, warmUp, withPairedDemo } from './common.js';
import { decoded, openTab, screenshotPath, selectNewRow, sleep } from './views-support.js';

interface Segment {
  kind: string;
  renewed: string;
  end: string;
  until: string;
}

const SEGMENTS = (cookie: string) =>
  `[...document.querySelectorAll('[data-testid=view-timeline] [data-testid=timeline-row][data-name=${JSON.stringify(cookie)}] [data-testid=timeline-segment]')].map((s) => ({ kind: s.dataset.kind, renewed: s.dataset.renewed, end: s.dataset.end, until: s.dataset.until }))`;

/**
 * Memory mode: the express-session cookie starts as a browser-session cookie (a `session`
 * segment); POST /remember (on) re-sends it with a 30-day expiry (a `persistent` segment).
 * Rolling mode (a second demo, same key): every response re-sends the 10-minute cookie; requests
 * more than a second apart (Expires has 1-second resolution) show segments marked renewed.
 */
export async function viewsTimeline(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, key, t }) => {
    const page = panel.page;
    await timed('browser-session segment', t, async () => {
      await panel.gotoInInspectedTab(url('/'));
      await selectNewRow(
        panel,
        'GET',
        url('/'),
        -1,
        (r) => r.state === 'decoded' && r.change === 'new',
        'GET / decoded as new',
      );
      await openTab(panel, 'timeline');
      const segments = await panel.waitInPanel<Segment[]>(
        `(() => { const s = ${SEGMENTS('connect.sid')}; return s.length > 0 ? s : null; })()`,
        {
          timeoutMs: 5_000,
          what: 'timeline segments of connect.sid',
        },
      );
      expect(segments.map((s) => s.kind)).toEqual(['session']);
      expect(segments[0]!.until).toBe('');
      expect(segments[0]!.end).toBe('live');
    });

    await timed('remember-me → persistent segment', t, async () => {
      await submit(page, 'remember-on');
      expect(await page.$eval('[data-testid=remember-state]', (e) => e.textContent)).toBe('on');
      await selectNewRow(panel, 'POST', url('/remember'), -1, decoded, 'POST /remember decoded');
      await openTab(panel, 'timeline');
      const segments = await panel.waitInPanel<Segment[]>(
        `(() => { const s = ${SEGMENTS('connect.sid')}; return s.some((x) => x.kind === 'persistent') ? s : null; })()`,
        {
          timeoutMs: 5_000,
          what: 'a persistent segment of connect.sid after POST /remember',
        },
      );
      expect(segments[0]!.kind).toBe('session');
      expect(segments[0]!.end).toBe('replaced');
      const persistent = segments.find((s) => s.kind === 'persistent')!;
      // About 30 days from now (the panel's own reading of Expires / Max-Age).
      const days = (Number(persistent.until) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThan(31);
    });
    await timed('screenshot (remember)', t, () => panel.screenshot(screenshotPath('timeline', browser)));

    // Rolling: a second demo on another port, same pairing key. Cookies ignore ports, so the
    // memory demo's connect.sid goes along: unknown to this store, it is replaced on the first request.
    const rolling = await startDemo({
      port: 0,
      store: 'memory',
      rolling: true,
      sessionscope: { keys: [key.pairing] },
    });
    try {
      const rurl = (path: string) => `${rolling.url}${path}`;
      // Another origin: the key id goes there only once the developer adds it (SECURITY.md).
      await panel.gotoInInspectedTab(rurl('/health'));
      await panel.clickInPanel('[data-testid=scope-page-add]');
      await warmUp(panel, rurl, 'decoded', t);
      await timed('rolling renewals', t, async () => {
        await panel.clickInPanel('[data-testid=clear]');
        let lastId = -1;
        const visits = 4;
        for (let i = 0; i < visits; i++) {
          if (i > 0) await sleep(2_050);
          await panel.gotoInInspectedTab(rurl('/'));
          lastId = await selectNewRow(
            panel,
            'GET',
            rurl('/'),
            lastId,
            decoded,
            `rolling GET / #${i + 1} decoded`,
          );
        }
        await openTab(panel, 'timeline');
        const segments = await panel.waitInPanel<Segment[]>(
          `(() => { const s = ${SEGMENTS('connect.sid')}; return s.filter((x) => x.renewed === 'true').length >= 2 ? s : null; })()`,
          { timeoutMs: 5_000, what: 'at least two renewed segments of connect.sid (rolling)' },
        );
        expect(segments.every((s) => s.kind === 'persistent')).toBe(true);
        expect(segments.filter((s) => s.renewed === 'true').length).toBeGreaterThanOrEqual(visits - 2);
        expect(segments.at(-1)!.end).toBe('live');
        expect(segments.at(-1)!.renewed).toBe('true');
        const untils = segments.map((s) => Number(s.until));
        // 10-minute cookie, each renewal later than the one before.
        expect(untils.every((u, i) => i === 0 || u > untils[i - 1]!)).toBe(true);
        expect((untils.at(-1)! - Date.now()) / 60_000).toBeGreaterThan(9);
      });
      await timed('screenshot (rolling)', t, () =>
        panel.screenshot(screenshotPath('timeline-rolling', browser)),
      );
    } finally {
      await rolling.close();
    }
  });
}
