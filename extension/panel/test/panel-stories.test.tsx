import { beforeAll, describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import type { HistoryRecord } from '../../core/history/format.js';
import { demoHistory } from './demo-history.js';
import { renderPanel, rowFor } from './panel-harness.js';

let memory: HistoryRecord[];
let cookie: HistoryRecord[];
let cookieLost: HistoryRecord[];

beforeAll(() => {
  [memory, cookie, cookieLost] = [demoHistory('memory'), demoHistory('cookie'), demoHistory('cookieLost')];
});

const rows = (container: Element) => [
  ...container.querySelectorAll<HTMLElement>('[data-testid=request-row]'),
];
const entries = (container: Element, testid: string) =>
  [...container.querySelectorAll<HTMLElement>(`[data-testid=${testid}] [data-testid=diff-entry]`)].map(
    (e) => `${e.dataset.kind} ${e.dataset.path}`,
  );

describe('the Diff names what happened to the session, on the right row', () => {
  test('lost cookie: the request after the dropped Set-Cookie says "session lost" and links to it', () => {
    const { container, store } = renderPanel(cookieLost);
    const lost = rows(container).filter((r) => r.dataset.verdict === 'lost');
    expect(lost).toHaveLength(1);
    const row = lost[0]!;
    expect(row.querySelector('[data-testid=row-lost]')?.textContent).toBe('session lost');
    const previous = rows(container)[rows(container).indexOf(row) - 1]!;
    expect(previous.dataset).toMatchObject({ method: 'POST' });
    expect(previous.dataset.url).toMatch(/\/bloat$/);
    fireEvent.click(row);
    const cause = container.querySelector<HTMLElement>('[data-testid=session-cause]')!;
    expect(cause.dataset).toMatchObject({ verdict: 'lost', cause: 'cookie-dropped' });
    expect(cause.textContent).toContain(`#${previous.dataset.id} POST /bloat`);
    expect(cause.textContent).toMatch(/\d{4} bytes, over the browser's 4096-byte limit/);
    expect(entries(container, 'diff-previous')).toEqual(
      expect.arrayContaining(['removed user', 'removed bloat']),
    );
    expect(container.textContent).not.toContain('$ss');
    fireEvent.click(cause.querySelector('[data-testid=cause-link]')!);
    expect(store.selectedId.value).toBe(Number(previous.dataset.id));
    // The same click-through without the drop (a jar that keeps every cookie) loses nothing.
    const kept = renderPanel(cookie);
    expect(rows(kept.container).filter((r) => r.dataset.verdict === 'lost')).toHaveLength(0);
  });

  test('fixation: the login that kept the id carries the warning on its own Diff', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/login-fixation'));
    const inline = [...container.querySelectorAll<HTMLElement>('[data-testid=inline-finding]')];
    expect(inline.map((f) => f.dataset.key?.split(':').slice(0, 2).join(':'))).toContain(
      'security:session-fixation',
    );
    expect(
      rowFor(container, 'POST', '/login-fixation').querySelector('[data-testid=row-badge-error]')
        ?.textContent,
    ).toBe('1');
    // The rotating login has none.
    fireEvent.click(rowFor(container, 'POST', '/login'));
    expect(
      container.querySelector('[data-testid=inline-finding][data-key^="security:session-fixation"]'),
    ).toBeNull();
    expect(container.querySelector('[data-testid=session-cause]')?.textContent).toMatch(/moved to the new id/i);
  });

  test('logout: one line per removed key, the destroy named; the next request flags the cookie still held', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/logout', 1));
    expect(container.querySelector<HTMLElement>('[data-testid=session-cause]')?.dataset.verdict).toBe(
      'destroyed',
    );
    const removed = entries(container, 'diff-handler');
    expect(removed).toEqual(expect.arrayContaining(['removed user', 'removed cart']));
    expect(removed.some((e) => e.includes('(root)'))).toBe(false);
    const after = rows(container)[rows(container).indexOf(rowFor(container, 'POST', '/logout', 1)) + 1]!;
    fireEvent.click(after);
    expect(container.querySelector<HTMLElement>('[data-testid=session-cause]')?.dataset.verdict).toBe(
      'after-destroy',
    );
    expect(container.querySelector('[data-testid=dead-cookie]')?.textContent).toContain(
      'still holds connect.sid',
    );
  });
});

describe('findings where you look', () => {
  test('cookie mode: a finding repeated on every request is badged once, the Security tab counts groups', async () => {
    const { container } = renderPanel(cookie);
    const badged = rows(container).filter((r) => r.querySelector('[data-testid=row-badge-error]'));
    expect(badged.length).toBeGreaterThan(0);
    expect(badged.length).toBeLessThan(rows(container).length / 3);
    expect(rows(container).some((r) => r.querySelector('[data-testid=row-repeat]'))).toBe(true);
    fireEvent.click(rows(container)[0]!);
    await waitFor(() =>
      expect(
        Number(container.querySelector('[data-testid=tab-count-security]')?.textContent),
      ).toBeGreaterThan(0),
    );
  });
});

describe('list and tabs: keyboard, compare order', () => {
  test('PageDown / End / Home move the selection; arrows move across tabs', () => {
    const { container, store } = renderPanel(memory);
    const list = container.querySelector<HTMLElement>('[data-testid=request-list]')!;
    fireEvent.keyDown(list, { key: 'Home' });
    const first = store.selectedId.value!;
    fireEvent.keyDown(list, { key: 'PageDown' });
    expect(store.selectedId.value! - first).toBeGreaterThan(3);
    fireEvent.keyDown(list, { key: 'End' });
    expect(store.selectedId.value).toBe(store.records.value.at(-1)!.id);
    const diff = container.querySelector<HTMLElement>('[data-testid=tab-diff]')!;
    expect(diff.tabIndex).toBe(0);
    fireEvent.keyDown(diff, { key: 'ArrowRight' });
    expect(store.tab.value).toBe('session');
    fireEvent.keyDown(diff, { key: 'End' });
    expect(store.tab.value).toBe('security');
    expect(
      container.querySelector<HTMLElement>('[data-testid=tab-security]')?.getAttribute('aria-selected'),
    ).toBe('true');
  });

  test('the divider moves with the arrow keys, within the minimums', () => {
    const { container, store } = renderPanel(memory);
    const splitter = container.querySelector<HTMLElement>('[data-testid=splitter]')!;
    const before = store.split.value.columns;
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    expect(store.split.value.columns).toBeGreaterThan(before);
    for (let i = 0; i < 100; i++) fireEvent.keyDown(splitter, { key: 'ArrowLeft' });
    expect(store.split.value.columns).toBeGreaterThan(0);
    const list = container.querySelector<HTMLElement>('.list-pane')!;
    expect(parseInt(list.style.width, 10)).toBeGreaterThanOrEqual(260);
  });

  test('compare is always older → newer, whichever is clicked first', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/cart/add', 1));
    fireEvent.click(rowFor(container, 'POST', '/prefs'), { shiftKey: true });
    const title = container.querySelector<HTMLElement>('[data-testid=compare-title]')!;
    expect(Number(title.dataset.older)).toBeLessThan(Number(title.dataset.newer));
    expect(entries(container, 'diff-compare').some((e) => e.startsWith('added prefs'))).toBe(true);
  });

  test('Session shows before and after the handler', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/login'));
    fireEvent.click(container.querySelector('[data-testid=tab-session]')!);
    const names = () =>
      [...container.querySelectorAll<HTMLElement>('[data-testid=tree-node]')].map((n) => n.dataset.name);
    expect(names()).toContain('user');
    fireEvent.click(container.querySelector('[data-testid=session-before]')!);
    expect(names()).not.toContain('user');
  });

  test('static assets hidden by default, shown on demand', () => {
    const withFavicon = [
      ...memory,
      {
        ...memory[0]!,
        url: memory[0]!.url.replace(/\/?$/, '/favicon.ico'),
        debug: { state: 'plain' as const },
        time: memory[0]!.time + 1e6,
      },
    ];
    const { container } = renderPanel(withFavicon);
    expect(rows(container).some((r) => r.dataset.url?.endsWith('/favicon.ico'))).toBe(false);
    fireEvent.click(container.querySelector('[data-testid=filter-static]')!);
    expect(container.querySelector<HTMLElement>('[data-testid=request-list]')?.dataset.count).toBe(
      String(withFavicon.length),
    );
  });
});

describe('pairing', () => {
  test('a malformed string keeps the text and says why; Enter pairs', async () => {
    const { container, store } = renderPanel();
    const input = container.querySelector<HTMLTextAreaElement>('[data-testid=pairing-input]')!;
    fireEvent.input(input, { target: { value: 'sessionscope1:nope' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(container.querySelector('[data-testid=pairing-error]')).not.toBeNull());
    expect(container.querySelector<HTMLTextAreaElement>('[data-testid=pairing-input]')?.value).toBe(
      'sessionscope1:nope',
    );
    const { generateKey } = await import('../../../protocol/src/keys.js');
    const key = await generateKey();
    fireEvent.input(input, { target: { value: key.pairing } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(store.kid.value).toBe(key.kid));
  });

  test('paired with the rule on, an origin that sends no payload is named with both causes', async () => {
    const plain = memory
      .slice(0, 4)
      .map((r) => ({ ...r, debugHeader: null, debug: { state: 'plain' as const } }));
    const { container, dispatch } = renderPanel(plain);
    dispatch({ type: 'paired', kid: 'KID' });
    expect(container.querySelector('[data-testid=pairing-silent]')).toBeNull();
    dispatch({ type: 'rule-status', active: true });
    const origin = new URL(plain[0]!.url).origin;
    await waitFor(() =>
      expect(container.querySelector<HTMLElement>('[data-testid=pairing-silent]')?.dataset.origin).toBe(
        origin,
      ),
    );
    const text = container.querySelector('[data-testid=pairing-silent]')?.textContent ?? '';
    expect(text).toContain('does not know key id KID');
    expect(text).toContain('not mounted');
  });
});
