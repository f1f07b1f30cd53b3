import type { Express } from 'express';
import { expect } from 'vitest';
import { MemoryPayloadStore } from '../../server-lib/src/index.js';
import type { BrowserName, PanelSession } from '../harness/index.js';
import { timed, withPairedDemo } from './common.js';
import { notPending, screenshotPath, selectNewRow } from './views-support.js';

export const HUGE = { depth: 100_000, width: 1_000_000, chars: 10_000_000 };

/**
 * A value the session holds for this request while the app's store writes a placeholder (a
 * non-enumerable toJSON, which only JSON.stringify sees): V8's JSON.stringify throws past ~4,000
 * levels, so no JSON store can keep 100,000; and later requests stay small.
 */
function held<T extends object>(value: T): T {
  return Object.defineProperty(value, 'toJSON', {
    value: () => '(held for this request only)',
    enumerable: false,
  });
}

function chain(depth: number): unknown {
  let node: unknown = 'bottom of the well';
  for (let i = 0; i < depth; i++) node = { x: node };
  return node;
}

/** Issue 13's session: 100,000 deep, 1,000,000 wide, a 10 MB string, keys that differ invisibly. */
export function hugeRoutes(app: Express): void {
  app.get('/huge', (req, res) => {
    const s = req.session as unknown as Record<string, unknown>;
    s.deep = held(chain(HUGE.depth) as object);
    const wide: unknown[] = new Array<number>(HUGE.width).fill(1);
    wide[HUGE.width - 1] = 'end of the wide list'; // a search hit 999,800 rows past the first page
    s.wide = held(wide);
    const flags = '🇫🇷👍🏽'.repeat(10); // graphemes of several code units: a cut must not split them
    // A String object is encoded as its string (PROTOCOL.md §5.1).
    s.big = held(new String(`${flags}${'x'.repeat(HUGE.chars - flags.length)}`));
    s.role = 'user';
    s['role\u200b'] = 'admin';
    s['file\u202e'] = 'abc\u202edcba';
    s.nbsp = 'a\u00a0b\ufeff';
    res.type('text/plain').send('stored');
  });
}

/** Errors the panel throws or logs, collected in the panel page from now on. */
const TRAP = `(() => {
  if (window.__errors) return true;
  window.__errors = [];
  window.addEventListener('error', (e) => window.__errors.push('error: ' + e.message));
  window.addEventListener('unhandledrejection', (e) => window.__errors.push('rejection: ' + String(e.reason)));
  const original = console.error.bind(console);
  console.error = (...args) => { window.__errors.push('console.error: ' + args.map(String).join(' ')); original(...args); };
  return true;
})()`;

/** The export as the panel would download it: the anchor click is caught and its blob read back. */
const CATCH_EXPORT = `(() => {
  window.__exported = null;
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) { window.__exported = 'pending'; fetch(this.href).then((r) => r.text()).then((t) => { window.__exported = t; }); return; }
    return click.call(this);
  };
  return true;
})()`;

/** Feeds text to the panel's Import input as a file, as a user picking it would. */
const importText = (expression: string) => `(() => {
  const input = document.querySelector('[data-testid=import-file]');
  const transfer = new DataTransfer();
  transfer.items.add(new File([${expression}], 'history.json', { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
})()`;

async function clickAndTime(
  panel: PanelSession,
  t: Record<string, number>,
  label: string,
  click: string,
  ready: string,
): Promise<void> {
  await timed(label, t, async () => {
    await panel.clickInPanel(click);
    await panel.waitInPanel(ready, { timeoutMs: 30_000, what: label });
  });
}

/** Types a search, waits until `listed` (page source) holds, clicks the first hit and times it until `picked` holds. */
async function searchAndPick(
  panel: PanelSession,
  t: Record<string, number>,
  step: { query: string; listed: string; label: string; picked: string },
): Promise<void> {
  await timed(`search: ${step.query}`, t, async () => {
    await panel.typeInPanel('[data-testid=session-search]', step.query);
    await panel.waitInPanel(step.listed, { timeoutMs: 60_000, what: `hits for "${step.query}"` });
  });
  await clickAndTime(panel, t, step.label, '[data-testid=search-hit]', step.picked);
}

const count = (selector: string) => `document.querySelectorAll(${JSON.stringify(selector)}).length`;

/**
 * Chromium and Firefox ESR: the huge session through the real demo app and server-lib (limits
 * raised, by reference), then Session, search, Diff, Export and re-Import; every cut says how much,
 * invisible characters show, nothing is thrown in the panel, and each click comes back.
 */
export async function viewsHuge(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(
    browser,
    { store: 'memory', extend: hugeRoutes },
    async ({ panel, url, t }) => {
      await panel.panelEval(TRAP);
      await panel.gotoInInspectedTab(url('/huge'));
      await timed('huge request recorded and decoded', t, () =>
        selectNewRow(panel, 'GET', url('/huge'), -1, notPending, 'GET /huge recorded', 120_000),
      );
      const state = await panel.panelEval<string>(
        `document.querySelector('[data-testid=request-row][aria-selected=true]')?.dataset.state ?? ''`,
      );
      const error = await panel.panelEval<string>(
        `document.querySelector('[data-testid=request-row][aria-selected=true] [data-testid=request-error]')?.textContent ?? ''`,
      );
      expect(state, `the huge row (${error})`).toBe('decoded');

      // Diff: a page of changes, the rest counted.
      await clickAndTime(
        panel,
        t,
        'click Diff tab → entries',
        '[data-testid=tab-diff]',
        `document.querySelectorAll('[data-testid=view-diff] [data-testid=diff-entry]').length > 0`,
      );
      const paths = await panel.panelEval<string[]>(
        `[...document.querySelectorAll('[data-testid=view-diff] [data-testid=diff-entry]')].map((e) => e.dataset.path)`,
      );
      expect(paths).toEqual(expect.arrayContaining(['deep', 'wide', 'big', 'role', 'nbsp']));

      // Session: one page per level, the 10 MB string cut with its length, invisible characters as badges.
      await clickAndTime(
        panel,
        t,
        'click Session tab → tree',
        '[data-testid=tab-session]',
        `!!document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-name=wide]')`,
      );
      const big = await panel.panelEval<string>(
        `document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-name=big] [data-testid=cut-mark]')?.textContent ?? ''`,
      );
      expect(big).toMatch(/^… 9,999,[0-9]{3} more chars \(of 10,000,000\)$/);
      const badges = await panel.panelEval<string[]>(
        `[...document.querySelectorAll('[data-testid=view-session] [data-testid=invisible-char]')].map((b) => b.textContent)`,
      );
      expect(badges).toEqual(
        expect.arrayContaining(['U+200B ZWSP', 'U+202E RLO', 'U+00A0 NBSP', 'U+FEFF BOM/ZWNBSP']),
      );
      expect(
        await panel.panelEval<number>(count('[data-testid=view-session] [data-testid=lookalike-key]')),
      ).toBe(2);
      expect(
        await panel.panelEval<boolean>(
          `document.querySelector('[data-testid=view-session]').textContent.includes('\\u202e')`,
        ),
      ).toBe(false);
      await panel.screenshot(screenshotPath('huge-session', browser));
      await clickAndTime(
        panel,
        t,
        'open wide (1,000,000 items)',
        '[data-testid=view-session] [data-testid=tree-node][data-name=wide] > .toggle',
        `document.querySelectorAll('[data-testid=view-session] [data-testid=tree-node][data-name=wide] [data-testid=tree-node]').length > 0`,
      );
      t['rows rendered for 1,000,000 items'] = await panel.panelEval<number>(
        count('[data-testid=view-session] [data-testid=tree-node][data-name=wide] [data-testid=tree-node]'),
      );
      expect(t['rows rendered for 1,000,000 items']).toBe(200);
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-name=wide] [data-testid=tree-show-more]')?.textContent ?? ''`,
        ),
      ).toContain('999,800 not shown of 1,000,000');

      // Search reaches the bottom of the 100,000 levels; picking the hit re-roots the tree there.
      await searchAndPick(panel, t, {
        query: 'bottom of the well',
        listed: `document.querySelector('[data-testid=search-summary]')?.textContent.startsWith('1 match')`,
        label: 'click the deep hit → re-rooted tree',
        picked: `!!document.querySelector('[data-testid=tree-focus]') && !!document.querySelector('[data-testid=view-session] .node.hit')`,
      });
      expect(
        await panel.panelEval<string>(`document.querySelector('[data-testid=tree-focus]').textContent`),
      ).toContain('levels)');
      await panel.screenshot(screenshotPath('huge-search', browser));

      // A hit at the last of 1,000,000 items: picking it pages the list to it, no "Show more" needed.
      await searchAndPick(panel, t, {
        query: 'end of the wide list',
        listed: `document.querySelector('[data-testid=search-hit]')?.textContent.includes('[999999]')`,
        label: 'click the hit at item 999,999',
        picked: `document.querySelector('[data-testid=view-session] [data-testid=tree-node][data-picked=true]')?.dataset.name === '[999999]'`,
      });
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=view-session] [data-testid=tree-show-earlier]')?.textContent ?? ''`,
        ),
      ).toContain('999,800 not shown before');
      await panel.screenshot(screenshotPath('huge-search-wide', browser));

      // Export, then re-import: the same request again, the panel still answering.
      await panel.panelEval(CATCH_EXPORT);
      await timed('export', t, async () => {
        await panel.clickInPanel('[data-testid=export]');
        await panel.waitInPanel(`typeof window.__exported === 'string' && window.__exported.length > 1000`, {
          timeoutMs: 60_000,
          what: 'the exported file',
        });
      });
      t['export MB'] = Math.round((await panel.panelEval<number>('window.__exported.length')) / 1e5) / 10;
      const before = await panel.panelEval<number>(count('[data-testid=request-row]'));
      await timed('re-import', t, async () => {
        await panel.panelEval(importText('window.__exported'));
        await panel.waitInPanel(
          `document.querySelector('[data-testid=notice]')?.textContent.includes('Imported')`,
          { timeoutMs: 60_000, what: 'the import notice' },
        );
      });
      expect(await panel.panelEval<number>(count('[data-testid=request-row]'))).toBeGreaterThanOrEqual(
        before,
      );
      // A crafted file: a notice, and the requests stay.
      await panel.panelEval(
        importText(
          `'{"format":"sessionscope-history","version":1,"records":[' + '['.repeat(300000) + ']'.repeat(300000) + ']}'`,
        ),
      );
      await panel.waitInPanel(
        `document.querySelector('[data-testid=notice]')?.textContent.includes('nested deeper than 200,000 levels')`,
        { timeoutMs: 30_000, what: 'the crafted-import notice' },
      );
      expect(await panel.panelEval<number>(count('[data-testid=request-row]'))).toBeGreaterThanOrEqual(
        before,
      );

      // An imported request with a 300-character method: cut in its column, never over the status.
      const longMethod = {
        format: 'sessionscope-history',
        version: 1,
        records: [
          {
            url: url('/long-method'),
            method: 'PROPFIND'.repeat(40),
            status: 207,
            time: Date.now(),
            debugHeader: null,
            setCookies: [],
            cookieHeader: null,
            storedCookies: [],
            debug: { state: 'plain' },
          },
        ],
      };
      await panel.panelEval(importText(JSON.stringify(JSON.stringify(longMethod))));
      const overlap = await panel.waitInPanel<{ method: number; status: number }>(
        `(() => { const row = [...document.querySelectorAll('[data-testid=request-row]')].find((r) => r.dataset.url.endsWith('/long-method')); if (!row) return null; return { method: row.querySelector('[data-testid=row-method]').getBoundingClientRect().right, status: row.querySelector('.status').getBoundingClientRect().left }; })()`,
        { timeoutMs: 30_000, what: 'the imported long-method row' },
      );
      expect(overlap.method).toBeLessThanOrEqual(overlap.status);

      // Still answering, and nothing thrown or logged as an error in the panel.
      const errorsBefore = await panel.panelEval<string[]>('window.__errors');
      if (errorsBefore.length > 0) console.log(`${browser} panel errors:`, errorsBefore);
      // The next request (the store kept placeholders): recorded and decoded as usual.
      await timed('next request (huge before and after) decoded', t, async () => {
        await panel.gotoInInspectedTab(url('/'));
        await selectNewRow(panel, 'GET', url('/'), -1, notPending, 'GET / after the huge one', 120_000);
      });
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=request-row][aria-selected=true]')?.dataset.state ?? ''`,
        ),
      ).toBe('decoded');
      expect(await panel.panelEval<string[]>('window.__errors')).toEqual([]);
      await panel.screenshot(screenshotPath('huge-after', browser));
    },
    {
      limits: { maxDepth: 200_000, maxItems: 2_000_000, maxString: 20_000_000 },
      payloadStore: new MemoryPayloadStore({ maxBytes: 512 * 1024 * 1024, maxEntryBytes: 256 * 1024 * 1024 }),
    },
  );
}
