import { describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { parseCookieHeader } from '../../core/cookies/set-cookie.js';
import type { HistoryRecord } from '../../core/history/format.js';
import { demoHistory } from './demo-history.js';
import { renderPanel } from './panel-harness.js';

/**
 * Every live credential in a recorded click-through: each cookie value the server set or the
 * browser sent, and each session id a payload names. Taken from the records, not from the masker.
 */
function secretsOf(records: readonly HistoryRecord[]): Set<string> {
  const out = new Set<string>();
  const setCookieValue = (line: string) => line.split(';', 1)[0]!.split('=').slice(1).join('=');
  for (const r of records) {
    for (const line of r.setCookies) out.add(setCookieValue(line));
    if (r.cookieHeader) for (const c of parseCookieHeader(r.cookieHeader)) out.add(c.value);
    if (r.debug.state === 'decoded') {
      const p = r.debug.payload as {
        session: { idBefore: string | null; idAfter: string | null };
        response: { setCookie: string[] };
      };
      for (const line of p.response.setCookie) out.add(setCookieValue(line));
      for (const id of [p.session.idBefore, p.session.idAfter]) if (id) out.add(id);
    }
  }
  out.delete('');
  return out;
}

function exported(container: Element, downloads: { filename: string; text: string }[]) {
  fireEvent.click(container.querySelector('[data-testid=export]')!);
  return downloads.at(-1)!;
}

describe('export: live credentials masked unless asked for (SECURITY.md: shared export)', () => {
  test.each(['memory', 'cookie'] as const)(
    '%s sessions: the default export holds no cookie value and no session id',
    (mode) => {
      const records = demoHistory(mode);
      const secrets = secretsOf(records);
      expect(secrets.size).toBeGreaterThan(3); // the click-through did set cookies and ids
      const { container, downloads } = renderPanel(records);
      const file = exported(container, downloads);
      expect(file.filename).not.toContain('with-secrets');
      expect(JSON.parse(file.text).secrets).toBe('masked');
      const leaked = [...secrets].filter((s) => s.length >= 6 && file.text.includes(s));
      expect(leaked).toEqual([]);
    },
  );

  test('"with secrets" includes them, for that one export only', () => {
    const records = demoHistory('memory');
    const { container, downloads } = renderPanel(records);
    const box = container.querySelector<HTMLInputElement>('[data-testid=export-secrets]')!;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    const file = exported(container, downloads);
    expect(file.filename).toContain('with-secrets');
    expect(JSON.parse(file.text).secrets).toBe('included');
    for (const secret of secretsOf(records)) expect(file.text).toContain(secret);
    expect(box.checked).toBe(false);
    expect(JSON.parse(exported(container, downloads).text).secrets).toBe('masked');
  });

  test('a masked file imports, keeps every request and says its secrets were masked', async () => {
    const records = demoHistory('memory');
    const { container, downloads, store, dispatch } = renderPanel(records);
    const file = exported(container, downloads);
    // The same requests again would be skipped as already listed: import into a cleared panel.
    dispatch({ type: 'clear' });
    expect(store.records.value).toHaveLength(0);
    const input = container.querySelector<HTMLInputElement>('[data-testid=import-file]')!;
    Object.defineProperty(input, 'files', {
      value: [new File([file.text], 'masked.json')],
      configurable: true,
    });
    fireEvent.change(input);
    await waitFor(() => expect(store.records.value.length).toBe(records.length));
    expect(container.querySelector('[data-testid=notice]')?.textContent).toContain(
      'masked when this file was exported',
    );
    const imported = store.records.value;
    expect(imported.map((r) => [r.method, r.url, r.status, r.debug.state])).toEqual(
      records.map((r) => [r.method, r.url, r.status, r.debug.state]),
    );
  });
});
