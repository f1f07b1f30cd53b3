import { expect } from 'vitest';
import { generateKey } from '../../protocol/src/keys.js';
import { startFlaskDemo } from '../../test-support/flask-demo.js';
import { startRedis } from '../../test-support/redis-server.js';
import type { BrowserName, PanelSession } from '../harness/index.js';
import { DIFF_ENTRIES, openPanel, pairAndWarmUp, submit, timed, type DiffEntry } from './common.js';
import { decoded, notPending, openTab, screenshotPath, selectNewRow } from './views-support.js';

interface FlaskContext {
  panel: PanelSession;
  url: (path: string) => string;
  t: Record<string, number>;
}

/** The Flask demo (demo-flask/, with the adapter) on a free port, a fresh key, the real panel paired. */
async function withPairedFlask(
  browser: BrowserName,
  store: 'cookie' | 'redis',
  body: (ctx: FlaskContext) => Promise<void>,
): Promise<Record<string, number>> {
  const key = await generateKey();
  const redis = store === 'redis' ? await startRedis() : undefined;
  const demo = await startFlaskDemo({
    store,
    keys: [key.pairing],
    env: redis ? { REDIS_URL: redis.url } : {},
  });
  const t: Record<string, number> = {};
  let panel: PanelSession | undefined;
  try {
    expect(demo.banner).toContain(key.pairing); // the one command prints the pairing string
    panel = await timed('launch→panel usable', t, () => openPanel(browser));
    const url = (path: string) => `${demo.url}${path}`;
    await pairAndWarmUp(panel, key, url, t);
    await body({ panel, url, t });
    return t;
  } finally {
    await panel?.close();
    await demo.stop();
    await redis?.stop();
  }
}

const FINDINGS = `[...document.querySelectorAll('[data-testid=view-security] [data-testid=security-finding]')].map((f) => ({ id: f.dataset.id, request: f.dataset.request, text: f.textContent }))`;
const GAUGE = `(() => { const g = document.querySelector('[data-testid=view-size] [data-testid=size-gauge][data-name=session]'); return g ? { level: g.dataset.level, bytes: Number(g.dataset.bytes) } : null; })()`;
const SEGMENTS = `[...document.querySelectorAll('[data-testid=view-timeline] [data-testid=timeline-row][data-name=session] [data-testid=timeline-segment]')].map((s) => ({ kind: s.dataset.kind, until: s.dataset.until, end: s.dataset.end }))`;

async function diffEntries(
  panel: PanelSession,
  what: string,
  ok: (e: DiffEntry[]) => boolean,
): Promise<DiffEntry[]> {
  await openTab(panel, 'diff');
  return panel
    .waitInPanel<DiffEntry[]>(`(() => { const e = ${DIFF_ENTRIES}; return e.length > 0 ? e : null; })()`, {
      timeoutMs: 5_000,
      what,
    })
    .then((entries) => {
      expect(ok(entries), `${what}: ${JSON.stringify(entries)}`).toBe(true);
      return entries;
    });
}

/**
 * Flask's signed-cookie sessions with the adapter: rows decoded (new, modified), the Diff of the
 * login (username added, csrf_token redacted), the readable-secret finding for the flask kind, the
 * permanent session on the Timeline (~7 days), and the Size view's session gauge going ok →
 * warning → error as /bloat grows the cookie (payloads past 3 KB arrive by reference).
 */
export async function flaskAdapterCookie(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedFlask(browser, 'cookie', async ({ panel, url, t }) => {
    const page = panel.page;
    let last = -1;
    await timed('visit and login: rows and Diff', t, async () => {
      await panel.gotoInInspectedTab(url('/'));
      last = await selectNewRow(
        panel,
        'GET',
        url('/'),
        last,
        (r) => r.state === 'decoded' && r.change === 'new',
        'GET / new',
      );
      await submit(page, 'login');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('ann');
      last = await selectNewRow(
        panel,
        'POST',
        url('/login'),
        last,
        (r) => r.state === 'decoded' && r.change === 'modified',
        'POST /login modified',
      );
      const entries = await diffEntries(panel, 'the login Diff', (e) => e.some((x) => x.path === 'username'));
      expect(entries.find((e) => e.path === 'username')).toMatchObject({ kind: 'added' });
      expect(entries.find((e) => e.path === 'csrf_token')?.text).toContain('<redacted>');
      await openTab(panel, 'security');
      const findings = await panel.waitInPanel<{ id: string }[]>(
        `(() => { const f = ${FINDINGS}; return f.some((x) => x.id === 'secret-in-client-cookie') ? f : null; })()`,
        { timeoutMs: 5_000, what: 'the readable-secret finding for the flask cookie' },
      );
      expect(findings.some((f) => f.id === 'secret-in-client-cookie')).toBe(true);
    });
    await timed('screenshot (diff)', t, async () => {
      await openTab(panel, 'diff');
      await panel.screenshot(screenshotPath('flask-adapter-diff', browser));
    });

    await timed('remember me: a permanent session on the Timeline', t, async () => {
      await submit(page, 'remember-on');
      expect(await page.$eval('[data-testid=remember-state]', (e) => e.textContent)).toBe('on');
      last = await selectNewRow(panel, 'POST', url('/remember'), last, decoded, 'POST /remember decoded');
      await openTab(panel, 'timeline');
      const segments = await panel.waitInPanel<{ kind: string; until: string; end: string }[]>(
        `(() => { const s = ${SEGMENTS}; return s.some((x) => x.kind === 'persistent') ? s : null; })()`,
        { timeoutMs: 5_000, what: 'a persistent segment of the session cookie' },
      );
      expect(segments[0]!.kind).toBe('session');
      const days = (Number(segments.find((s) => s.kind === 'persistent')!.until) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.1);
    });
    await timed('screenshot (timeline)', t, () =>
      panel.screenshot(screenshotPath('flask-adapter-timeline', browser)),
    );

    const levels: string[] = [];
    await timed('bloat: size warnings', t, async () => {
      for (let clicks = 1; clicks <= 8; clicks++) {
        await submit(page, 'bloat');
        last = await selectNewRow(panel, 'POST', url('/bloat'), last, notPending, `POST /bloat #${clicks}`);
        await openTab(panel, 'size');
        const gauge = await panel.waitInPanel<{ level: string; bytes: number }>(GAUGE, {
          timeoutMs: 5_000,
          what: 'the session gauge',
        });
        levels.push(gauge.level);
        if (gauge.level === 'error') {
          expect(gauge.bytes).toBeGreaterThan(4096);
          break;
        }
      }
      expect(levels.indexOf('warning'), JSON.stringify(levels)).toBeGreaterThan(-1);
      expect(levels.indexOf('error'), JSON.stringify(levels)).toBeGreaterThan(levels.indexOf('warning'));
      // The payloads of the big requests came by reference, through the panel's own fetch.
      expect(
        await panel.panelEval<string>(
          `document.querySelector('[data-testid=request-row][aria-selected=true]').dataset.state`,
        ),
      ).toBe('decoded');
    });
    await timed('screenshot (size)', t, () =>
      panel.screenshot(screenshotPath('flask-adapter-size', browser)),
    );
    console.log(`${browser} flask size levels: ${JSON.stringify(levels)}`);
  });
}

/**
 * Flask-Session in Redis with the adapter: ids in the Diff, the rotating login `regenerated`,
 * the login that keeps its id flagged as session fixation (pointing at that POST), and the store
 * TTL of the permanent session next to the cookie's expiry on the Timeline.
 */
export async function flaskAdapterServerSide(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedFlask(browser, 'redis', async ({ panel, url, t }) => {
    const page = panel.page;
    let last = -1;
    await timed('rotating login: regenerated, ids in the Diff', t, async () => {
      await panel.gotoInInspectedTab(url('/'));
      last = await selectNewRow(
        panel,
        'GET',
        url('/'),
        last,
        (r) => r.state === 'decoded' && r.change === 'new',
        'GET / new',
      );
      await submit(page, 'login');
      last = await selectNewRow(
        panel,
        'POST',
        url('/login'),
        last,
        (r) => r.state === 'decoded' && r.change === 'regenerated',
        'POST /login regenerated',
      );
      await openTab(panel, 'diff');
      const ids = await panel.waitInPanel<string>(
        `document.querySelector('[data-testid=id-change]')?.textContent ?? null`,
        {
          timeoutMs: 5_000,
          what: 'the id change of the rotating login',
        },
      );
      expect(ids).toMatch(/id .+ → .+/);
    });

    let fixationId = -1;
    await timed('login without rotation: the fixation finding', t, async () => {
      await submit(page, 'login-fixation');
      expect(await page.$eval('[data-testid=user]', (e) => e.textContent)).toBe('mallory');
      fixationId = await selectNewRow(
        panel,
        'POST',
        url('/login-fixation'),
        last,
        (r) => r.state === 'decoded' && r.change === 'modified',
        'POST /login-fixation modified',
      );
      last = fixationId;
      const entries = await diffEntries(panel, 'the fixation login Diff', (e) =>
        e.some((x) => x.path === 'username'),
      );
      expect(entries.find((e) => e.path === 'username')).toMatchObject({ kind: 'changed' });
      await openTab(panel, 'security');
      const findings = await panel.waitInPanel<{ id: string; request: string; text: string }[]>(
        `(() => { const f = ${FINDINGS}; return f.some((x) => x.id === 'session-fixation') ? f : null; })()`,
        { timeoutMs: 5_000, what: 'a session-fixation finding' },
      );
      const fixation = findings.filter((f) => f.id === 'session-fixation');
      expect(fixation.map((f) => f.request)).toEqual([String(fixationId)]);
      expect(fixation[0]!.text).toContain('/login-fixation');
    });
    await timed('screenshot (security)', t, () =>
      panel.screenshot(screenshotPath('flask-adapter-security', browser)),
    );

    await timed('permanent session: store TTL next to the cookie expiry', t, async () => {
      await submit(page, 'remember-on');
      last = await selectNewRow(panel, 'POST', url('/remember'), last, decoded, 'POST /remember decoded');
      await openTab(panel, 'timeline');
      const store = await panel.waitInPanel<number[]>(
        `(() => { const r = document.querySelector('[data-testid=view-timeline] [data-testid=timeline-row][data-kind=store]'); return r ? [...r.querySelectorAll('[data-testid=timeline-point]')].map((p) => Number(p.dataset.expires)) : null; })()`,
        { timeoutMs: 5_000, what: 'the store TTL row on the Timeline' },
      );
      const days = (store.at(-1)! - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.1);
      const segments = await panel.waitInPanel<{ kind: string }[]>(
        `(() => { const s = ${SEGMENTS}; return s.some((x) => x.kind === 'persistent') ? s : null; })()`,
        { timeoutMs: 5_000, what: 'a persistent segment of the session cookie' },
      );
      expect(segments.at(-1)!.kind).toBe('persistent');
    });
    await timed('screenshot (timeline)', t, () =>
      panel.screenshot(screenshotPath('flask-adapter-store-ttl', browser)),
    );
  });
}
