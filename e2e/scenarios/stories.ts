import { expect } from 'vitest';
import type { BrowserName, PanelSession } from '../harness/index.js';
import { submit, timed, withPairedDemo } from './common.js';
import { decoded, openTab, screenshotPath, selectNewRow, sleep } from './views-support.js';

/** A rendered row (the list is virtualized: scroll to the end first). */
interface StoryRow {
  id: number;
  method: string;
  url: string;
  verdict: string;
  lost: boolean;
  errors: number;
}

const STORY_ROWS = `(() => {
  const list = document.querySelector('[data-testid=request-list]');
  if (list) list.scrollTop = list.scrollHeight;
  return [...document.querySelectorAll('[data-testid=request-row]')].map((r) => ({
    id: Number(r.dataset.id), method: r.dataset.method, url: r.dataset.url, verdict: r.dataset.verdict ?? '',
    lost: !!r.querySelector('[data-testid=row-lost]'),
    errors: Number(r.querySelector('[data-testid=row-badge-error]')?.textContent ?? 0),
  })).sort((a, b) => a.id - b.id);
})()`;

const storyRows = (panel: PanelSession) => panel.panelEval<StoryRow[]>(STORY_ROWS);

/** Clicks the row with this number and waits for the Diff of it. */
async function openRow(panel: PanelSession, id: number): Promise<void> {
  await panel.panelEval(`document.querySelector('[data-testid=request-row][data-id="${id}"]').click()`);
  await panel.waitInPanel(
    `document.querySelector('[data-testid=detail-title]')?.textContent.startsWith('#${id} ')`,
    {
      timeoutMs: 5_000,
      what: `the detail of request #${id}`,
    },
  );
  await openTab(panel, 'diff');
}

interface Cause {
  verdict: string;
  cause: string;
  text: string;
  link: string;
}

const CAUSE = `(() => { const c = document.querySelector('[data-testid=view-diff] [data-testid=session-cause]'); return c ? { verdict: c.dataset.verdict, cause: c.dataset.cause, text: c.textContent, link: c.querySelector('[data-testid=cause-link]')?.dataset.request ?? '' } : null; })()`;

/**
 * Cookie mode: POST /bloat until the browser drops the session cookie (over 4096 bytes). The
 * request after it — and only it — reads "session lost", and its Diff names the drop and links to
 * the POST whose Set-Cookie the browser refused.
 */
export async function storyLostCookie(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'cookie' }, async ({ panel, url, t }) => {
    const page = panel.page;
    await panel.gotoInInspectedTab(url('/'));
    let lost: StoryRow | undefined;
    let rows: StoryRow[] = [];
    await timed('bloat until the session is lost', t, async () => {
      let last = -1;
      for (let click = 1; click <= 10 && !lost; click++) {
        await submit(page, 'bloat');
        last = await selectNewRow(
          panel,
          'GET',
          url('/'),
          last,
          decoded,
          `GET / after bloat #${click} decoded`,
        );
        // The verdict needs the decoded payloads of both requests; give a late decode a moment.
        for (let i = 0; i < 10 && !lost; i++) {
          rows = await storyRows(panel);
          lost = rows.find((r) => r.lost);
          if (!lost) await sleep(100);
        }
        t['bloat clicks'] = click;
      }
    });
    expect(lost, `no "session lost" row; rows: ${JSON.stringify(rows)}`).toBeDefined();
    expect(rows.filter((r) => r.lost)).toHaveLength(1);
    expect(lost!.method).toBe('GET');
    const bloats = rows.filter((r) => r.method === 'POST' && r.url === url('/bloat') && r.id < lost!.id);
    const dropper = bloats.at(-1)!;
    await openRow(panel, lost!.id);
    const cause = await panel.waitInPanel<Cause>(CAUSE, {
      timeoutMs: 5_000,
      what: 'the cause on the lost row',
    });
    expect(cause).toMatchObject({ verdict: 'lost', cause: 'cookie-dropped', link: String(dropper.id) });
    expect(cause.text).toContain(`#${dropper.id} POST /bloat`);
    expect(cause.text).toMatch(/\d{4} bytes, over the browser's 4096-byte limit/);
    // The POST itself (whose Set-Cookie was refused) carries the error badge; the lost row links to it.
    expect(dropper.errors).toBeGreaterThan(0);
    await panel.panelEval(
      `document.querySelector('[data-testid=view-diff] [data-testid=cause-link]').click()`,
    );
    await panel.waitInPanel(
      `document.querySelector('[data-testid=detail-title]')?.textContent.startsWith('#${dropper.id} ')`,
      {
        timeoutMs: 5_000,
        what: 'the cause link selecting the POST /bloat',
      },
    );
    await openRow(panel, lost!.id);
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('story-lost', browser)));
  });
}

/** Memory mode: a login that keeps the id carries the fixation warning on its own Diff and row. */
export async function storyFixation(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    await panel.gotoInInspectedTab(url('/'));
    const home = await selectNewRow(panel, 'GET', url('/'), -1, decoded, 'GET / decoded');
    await submit(panel.page, 'login-fixation');
    const login = await selectNewRow(
      panel,
      'POST',
      url('/login-fixation'),
      home,
      decoded,
      'POST /login-fixation decoded',
    );
    await timed('fixation inline', t, async () => {
      await openRow(panel, login);
      const keys = await panel.waitInPanel<string[]>(
        `(() => { const k = [...document.querySelectorAll('[data-testid=view-diff] [data-testid=inline-finding]')].map((f) => f.dataset.key); return k.length ? k : null; })()`,
        { timeoutMs: 5_000, what: 'inline findings on the login Diff' },
      );
      expect(keys.some((k) => k.startsWith('security:session-fixation'))).toBe(true);
      const row = (await storyRows(panel)).find((r) => r.id === login)!;
      expect(row.errors).toBeGreaterThan(0);
      // The GET / it redirected to is not blamed.
      const after = (await storyRows(panel)).find((r) => r.id > login && r.method === 'GET');
      if (after) {
        await openRow(panel, after.id);
        expect(
          await panel.panelEval<boolean>(
            `!!document.querySelector('[data-testid=view-diff] [data-testid=inline-finding][data-key^="security:session-fixation"]')`,
          ),
        ).toBe(false);
      }
    });
    await openRow(panel, login);
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('story-fixation', browser)));
  });
}

/**
 * Memory mode: login, then logout. The logout's Diff says the session was destroyed and lists
 * each removed key on its own line; the next request says why there is no session and flags the
 * connect.sid cookie the browser still holds for the dead session.
 */
export async function storyLogout(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, url, t }) => {
    await panel.gotoInInspectedTab(url('/'));
    const home = await selectNewRow(panel, 'GET', url('/'), -1, decoded, 'GET / decoded');
    await submit(panel.page, 'login');
    const login = await selectNewRow(panel, 'POST', url('/login'), home, decoded, 'POST /login decoded');
    await submit(panel.page, 'logout');
    const logout = await selectNewRow(panel, 'POST', url('/logout'), login, decoded, 'POST /logout decoded');
    const next = await selectNewRow(panel, 'GET', url('/'), logout, decoded, 'GET / after logout decoded');
    await timed('logout named', t, async () => {
      await openRow(panel, logout);
      const cause = await panel.waitInPanel<Cause>(CAUSE, {
        timeoutMs: 5_000,
        what: 'the cause on the logout row',
      });
      expect(cause.verdict).toBe('destroyed');
      expect(cause.text).toMatch(/Gone with it: .*user/);
      const removed = await panel.panelEval<string[]>(
        `[...document.querySelectorAll('[data-testid=view-diff] [data-testid=diff-handler] [data-testid=diff-entry]')].map((e) => e.dataset.kind + ' ' + e.dataset.path)`,
      );
      expect(removed).toEqual(expect.arrayContaining(['removed user']));
      expect(removed.some((e) => e.includes('(root)'))).toBe(false);
      expect(
        await panel.panelEval<string>(`document.querySelector('[data-testid=view-diff]').textContent`),
      ).not.toContain('$ss');
      await openRow(panel, next);
      const after = await panel.waitInPanel<Cause>(CAUSE, {
        timeoutMs: 5_000,
        what: 'the cause on the request after logout',
      });
      expect(after).toMatchObject({ verdict: 'after-destroy', link: String(logout) });
      const dead = await panel.waitInPanel<string>(
        `document.querySelector('[data-testid=view-diff] [data-testid=dead-cookie]')?.textContent`,
        {
          timeoutMs: 5_000,
          what: 'the dead-cookie flag',
        },
      );
      expect(dead).toContain('still holds connect.sid');
      expect(dead).toContain(`#${logout} POST /logout`);
    });
    await openRow(panel, logout);
    await timed('screenshot', t, () => panel.screenshot(screenshotPath('story-logout', browser)));
  });
}
