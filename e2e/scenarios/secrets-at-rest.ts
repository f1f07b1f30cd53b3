import { expect } from 'vitest';
import type { BrowserName } from '../harness/index.js';
import { submit, waitForRow, withPairedDemo } from './common.js';

const PAIRING_KEY = 'sessionscope.pairing';

/** The panel's extension storage areas (Chromium exposes `chrome`, Firefox `browser`; both return promises). */
const storage = (area: 'session' | 'local') => `(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const all = await api.storage.${area}.get(null);
  return all[${JSON.stringify(PAIRING_KEY)}] ?? null;
})()`;

/**
 * Makes the panel's next download readable: the real Export button builds a Blob and hands it to
 * URL.createObjectURL (shell/clipboard.ts); keep that Blob's text on window.
 */
const CAPTURE_DOWNLOADS = `(() => {
  if (window.__exports) return true;
  window.__exports = [];
  const original = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => { blob.text().then((t) => window.__exports.push(t)); return original(blob); };
  return true;
})()`;

async function exportText(
  panel: Parameters<Parameters<typeof withPairedDemo>[2]>[0]['panel'],
): Promise<string> {
  const count = await panel.panelEval<number>('window.__exports.length');
  await panel.clickInPanel('[data-testid=export]');
  return panel.waitInPanel<string>(`window.__exports.length > ${count} && window.__exports[${count}]`, {
    timeoutMs: 5_000,
    what: 'the exported file',
  });
}

/**
 * SECURITY.md "a shared export" and "the pairing key at rest", in the real panel:
 * - the key lives in storage.session (memory) unless "Remember pairing on this machine" is ticked;
 * - Export masks the session cookie and the session id; "with secrets" includes them, once.
 */
export async function secretsAtRest(browser: BrowserName): Promise<Record<string, number>> {
  return withPairedDemo(browser, { store: 'memory' }, async ({ panel, key, url }) => {
    // The key at rest: memory only by default.
    expect(await panel.panelEval<string | null>(storage('session'))).toBe(key.pairing);
    expect(await panel.panelEval<string | null>(storage('local'))).toBeNull();

    await panel.gotoInInspectedTab(url('/'));
    await submit(panel.page, 'login');
    await waitForRow(panel, 'POST', url('/login'), (r) => r.state === 'decoded', 'POST /login decoded');
    await waitForRow(panel, 'GET', url('/'), (r) => r.state === 'decoded', 'GET / after login decoded');
    const cookie = (await panel.page.cookies()).find((c) => c.name === 'connect.sid');
    expect(cookie?.value, 'the browser holds the session cookie').toBeTruthy();
    const sid = decodeURIComponent(cookie!.value).replace(/^s:/, '').split('.')[0]!;

    await panel.panelEval(CAPTURE_DOWNLOADS);
    const masked = await exportText(panel);
    expect(JSON.parse(masked).records.length).toBeGreaterThan(1);
    expect(masked, 'the default export holds the session cookie').not.toContain(cookie!.value);
    expect(masked, 'the default export holds the session id').not.toContain(sid);
    expect(JSON.parse(masked)).toMatchObject({ format: 'sessionscope-history', secrets: 'masked' });

    await panel.clickInPanel('[data-testid=export-secrets]');
    const full = await exportText(panel);
    expect(JSON.parse(full).secrets).toBe('included');
    expect(full).toContain(cookie!.value);
    expect(full).toContain(sid);
    expect(
      await panel.panelEval<boolean>(`document.querySelector('[data-testid=export-secrets]').checked`),
    ).toBe(false);

    // "Remember pairing on this machine" moves the key to disk, unticking moves it back; unpairing clears both.
    await panel.clickInPanel('[data-testid=remember-pairing]');
    await panel.waitInPanel(`${storage('local')}.then((v) => v === ${JSON.stringify(key.pairing)})`, {
      timeoutMs: 5_000,
      what: 'the pairing in storage.local once remembered',
    });
    expect(await panel.panelEval<string | null>(storage('session'))).toBeNull();
    await panel.clickInPanel('[data-testid=remember-pairing]');
    await panel.waitInPanel(`${storage('session')}.then((v) => v === ${JSON.stringify(key.pairing)})`, {
      timeoutMs: 5_000,
      what: 'the pairing back in storage.session',
    });
    expect(await panel.panelEval<string | null>(storage('local'))).toBeNull();
    await panel.clickInPanel('[data-testid=unpair]');
    await panel.waitInPanel(
      `Promise.all([${storage('session')}, ${storage('local')}]).then(([s, l]) => s === null && l === null)`,
      { timeoutMs: 5_000, what: 'no pairing stored after unpair' },
    );
  });
}
