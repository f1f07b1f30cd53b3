import type { Express } from 'express';
import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { BrowserName, PanelSession } from '../harness/index.js';
import { pollUntil } from '../harness/index.js';
import { DIFF_ENTRIES, selectRow, timed, type DiffEntry, withPairedDemo } from './common.js';
import { notPending, screenshotPath, selectNewRow, selectedRecordId } from './views-support.js';

const PWN_IMG = '<img src=x onerror="window.top.__pwned=1">';
const PWN_IMG_LOCAL = '<img src=x onerror="window.__pwned=1">';
const PWN_SCRIPT = '<script>window.__pwned=1;window.top.__pwned=1</script>';
const PWN_IFRAME = '<iframe src="javascript:window.top.__pwned=1"></iframe>';
const PWN_URL = 'javascript:window.top.__pwned=1';

function nested(depth: number): unknown {
  let v: unknown = { bottom: PWN_IMG };
  for (let i = 0; i < depth; i++) v = { [`level${depth - i}`]: v, html: i % 50 === 0 ? PWN_SCRIPT : i };
  return v;
}

/** The hostile session: markup and javascript: URLs as values and keys, huge and deep values, confusable text. */
export function hostileSession(): Record<string, unknown> {
  const s: Record<string, unknown> = {
    img: PWN_IMG,
    imgLocal: PWN_IMG_LOCAL,
    script: PWN_SCRIPT,
    iframe: PWN_IFRAME,
    link: PWN_URL,
    [PWN_URL]: 'a javascript: URL as a key',
    [PWN_IMG]: 'markup as a key',
    [PWN_SCRIPT]: PWN_SCRIPT,
    svg: '<svg onload="window.top.__pwned=1"><script>window.__pwned=1</script></svg>',
    big: `${PWN_IMG}${'A'.repeat(200 * 1024)}`,
    deep: nested(200),
    many: Array.from({ length: 50_000 }, (_, i) => (i % 1000 === 0 ? PWN_IMG : i)),
    rtl: 'admin\u202Egnp.exe', // RIGHT-TO-LEFT OVERRIDE
    zeroWidth: 'ad\u200Bmin\u200C\u200D\uFEFF', // zero-width space, non-joiner, joiner, BOM
    ['us\u200Ber']: 'a key with a zero-width space',
    loneHigh: 'x\uD800y',
    loneLow: 'x\uDFFFy',
    ['key\uD800']: 'a key with a lone surrogate',
    constructor: 'not a function',
  };
  // Not here: an own "__proto__" key. server-lib's plainCopy (session-data.ts) assigns each key
  // (`copy[key] = …`), so "__proto__" becomes the copy's prototype: the key vanishes from the
  // payload and the whole session is reported as one `instance` node "(session)". Reported as a
  // server-lib bug; the panel side is covered by the protocol/decoder unit tests.
  return s;
}

export function hostileRoutes(app: Express): void {
  app.get('/hostile', (req, res) => {
    // defineProperty, not assignment: assigning "__proto__" would replace the Session's prototype (and its save()).
    for (const [k, v] of Object.entries(hostileSession())) {
      Object.defineProperty(req.session, k, {
        value: v,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    res.type('text/plain').send('stored');
  });
}

/** Elements that would mean markup from the session reached the DOM, and the pwn flag. */
const DANGER = `(() => ({
  img: document.querySelectorAll('img').length,
  script: document.querySelectorAll('script').length,
  iframe: document.querySelectorAll('iframe, frame, object, embed').length,
  svgScript: document.querySelectorAll('svg script, [onload], [onerror]').length,
  jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')].filter((e) => /^\\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '')).length,
  pwned: typeof window.__pwned,
  polluted: typeof ({}).polluted,
}))()`;

interface Danger {
  img: number;
  script: number;
  iframe: number;
  svgScript: number;
  jsLinks: number;
  pwned: string;
  polluted: string;
}

async function devtoolsWindow(page: Page): Promise<Page | null> {
  const target = page
    .browser()
    .targets()
    .find((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'));
  return target ? ((await target.asPage()) as Page) : null;
}

const TABS = ['diff', 'session', 'cookies', 'size', 'timeline', 'security'] as const;

/**
 * Chromium: a session full of hostile values (markup and javascript: URLs as values and keys,
 * 200 KB string, 200 levels deep, 50,000 items, bidi/zero-width/lone-surrogate text), stored by
 * express-session with server-lib limits raised so the panel gets it all. The panel shows it in
 * every view without creating a single img/script/iframe, nothing runs (no __pwned in the panel
 * or the DevTools window), and it still answers: another row's diff shows within a bounded wait.
 */
export async function viewsHostile(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(
    browser,
    { store: 'memory', extend: hostileRoutes },
    async ({ panel, url, t }) => {
      const before = await panel.panelEval<Danger>(DANGER);
      expect(before.pwned).toBe('undefined');
      await panel.gotoInInspectedTab(url('/'));
      const firstId = await selectNewRow(
        panel,
        'GET',
        url('/'),
        -1,
        (r) => r.state === 'decoded',
        'GET / decoded',
      );
      // A second visit: a row with a plain diff (views 1 → 2) to come back to after the hostile one.
      await panel.gotoInInspectedTab(url('/'));
      const homeId = await selectNewRow(
        panel,
        'GET',
        url('/'),
        firstId,
        (r) => r.state === 'decoded' && r.change === 'modified',
        'second GET / decoded',
      );

      const hostileId = await timed('hostile request recorded', t, async () => {
        await panel.gotoInInspectedTab(url('/hostile'));
        return selectNewRow(
          panel,
          'GET',
          url('/hostile'),
          homeId,
          notPending,
          'GET /hostile recorded',
          30_000,
        );
      });
      const state = await panel.panelEval<string>(
        `document.querySelector('[data-testid=request-row][aria-selected=true]')?.dataset.state ?? ''`,
      );
      t['hostile row decoded (1) or not (0)'] = state === 'decoded' ? 1 : 0;
      expect(state, 'the hostile row state').toBe('decoded');

      for (const tab of TABS) {
        await timed(`tab ${tab}`, t, async () => {
          await panel.clickInPanel(`[data-testid=tab-${tab}]`);
          await panel.waitInPanel(`!!document.querySelector('[data-testid=view-${tab}]')`, {
            timeoutMs: 15_000,
            what: `view-${tab} on the hostile row`,
          });
          if (tab === 'session') {
            await panel.waitInPanel(
              `!!document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-name=deep]')`,
              {
                timeoutMs: 15_000,
                what: 'the hostile session tree',
              },
            );
            const names = await panel.panelEval<string[]>(
              `[...document.querySelectorAll('[data-testid=view-session] [data-testid=tree-node]')].map((n) => n.dataset.name)`,
            );
            // Keys made of markup are shown as text.
            expect(names).toContain(PWN_IMG);
            expect(names).toContain(PWN_URL);
            expect(names).toContain('constructor');
            const top = await panel.panelEval<string[]>(
              `[...document.querySelectorAll('[data-testid=view-session] ul.tree > li')].map((n) => n.dataset.name)`,
            );
            expect(top).toContain('many');
            // The whole corpus reached the panel: server-lib limits were raised, nothing cut.
            const header = await panel.panelEval<string>(
              `document.querySelector('[data-testid=view-session] section > p.muted')?.textContent ?? ''`,
            );
            expect(header).not.toContain('truncated');
            expect(
              await panel.panelEval<string>(
                `document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-name=many]').textContent.slice(0, 200)`,
              ),
            ).toContain('50,000');
            // Searching opens every matching branch: the 200-deep one and the 50,000 items included.
            await panel.typeInPanel('[data-testid=session-search]', 'onerror');
            await panel.waitInPanel(
              `document.querySelectorAll('[data-testid=view-session] .node.hit').length > 3`,
              {
                timeoutMs: 15_000,
                what: 'search hits in the hostile tree',
              },
            );
            t['tree nodes rendered after search'] = await panel.panelEval<number>(
              `document.querySelectorAll('[data-testid=view-session] [data-testid=tree-node]').length`,
            );
            await panel.screenshot(screenshotPath('hostile', browser));
          }
          // Still answering after each view (a round trip through the panel's event loop).
          await panel.panelEval(`new Promise((r) => setTimeout(() => r(true), 0))`);
        });
        const now = await panel.panelEval<Danger>(DANGER);
        expect(now, `after opening ${tab}`).toEqual(before);
      }

      await timed('another row answers (diff of GET /)', t, async () => {
        await selectRow(panel, 'GET', url('/'));
        expect(await selectedRecordId(panel)).toBe(homeId);
        await panel.clickInPanel('[data-testid=tab-diff]');
        const entries = await panel.waitInPanel<DiffEntry[]>(
          `(() => { const e = ${DIFF_ENTRIES}; return e.some((x) => x.path === 'views') ? e : null; })()`,
          {
            timeoutMs: 10_000,
            what: 'the diff of GET / (views 1 → 2) after the hostile row',
          },
        );
        expect(entries.find((e) => e.path === 'views')?.kind).toBe('changed');
      });
      // Back to the hostile row's diff: rendered again, still inert.
      await timed('hostile diff again', t, async () => {
        await selectRow(panel, 'GET', url('/hostile'));
        await panel.waitInPanel(
          `document.querySelectorAll('[data-testid=view-diff] [data-testid=diff-entry]').length > 5`,
          {
            timeoutMs: 15_000,
            what: 'the hostile diff entries',
          },
        );
      });
      const after = await panel.panelEval<Danger>(DANGER);
      expect(after).toEqual(before);
      // The DevTools window (the panel's parent page) and the inspected page: nothing ran there either.
      const dt = await devtoolsWindow(panel.page);
      if (browser === 'chromium') expect(dt, 'the DevTools window page').not.toBeNull();
      if (dt) expect(await dt.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await panel.page.evaluate('typeof window.__pwned')).toBe('undefined');
      // A last liveness probe with a deadline, after everything.
      await pollUntil(
        () => panel.panelEval<boolean>('document.querySelector("[data-testid=app]") !== null'),
        { timeoutMs: 5_000, what: 'panel alive' },
      );
      t['hostile record id'] = hostileId;
    },
    { limits: { maxString: 300 * 1024, maxItems: 60_000, maxDepth: 250 } },
  );
}
