import { beforeAll, describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import type { HistoryRecord } from '../../core/history/format.js';
import { TABS } from '../app/Detail.js';
import { demoHistory } from './demo-history.js';
import { renderPanel, rowFor } from './panel-harness.js';

let memory: HistoryRecord[];
let cookie: HistoryRecord[];
let rolling: HistoryRecord[];

beforeAll(() => {
  [memory, cookie, rolling] = [demoHistory('memory'), demoHistory('cookie'), demoHistory('rolling')];
});

function open(container: Element, method: string, path: string, tab: string, nth = 0): void {
  fireEvent.click(rowFor(container, method, path, nth));
  fireEvent.click(container.querySelector(`[data-testid=tab-${tab}]`)!);
}

describe('the panel on a real demo click-through', () => {
  test('rows carry method, status, state and the session change', () => {
    const { container } = renderPanel(memory);
    const login = rowFor(container, 'POST', '/login');
    expect(login.dataset).toMatchObject({ status: '303', state: 'decoded', change: 'regenerated' });
    expect(rowFor(container, 'POST', '/logout').dataset.change).toBe('destroyed');
    expect(rowFor(container, 'GET', '/').dataset.change).toBe('new');
  });

  test('Diff: login regenerates the id and adds user; the copy button uses the shared printer', () => {
    const { container, copied } = renderPanel(memory);
    open(container, 'POST', '/login', 'diff');
    expect(container.querySelector('[data-testid=change-badge]')?.getAttribute('data-change')).toBe(
      'regenerated',
    );
    expect(container.querySelector('[data-testid=id-change]')).not.toBeNull();
    const paths = [
      ...container.querySelectorAll<HTMLElement>('[data-testid=diff-handler] [data-testid=diff-entry]'),
    ].map((e) => `${e.dataset.kind} ${e.dataset.path}`);
    expect(paths).toContain('added user');
    fireEvent.click(container.querySelector('[data-testid=diff-handler-copy]')!);
    expect(copied[0]).toMatch(/^\+ user: "ann"$/m);
  });

  test('Diff: adding to the cart shows nested paths', () => {
    const { container } = renderPanel(memory);
    open(container, 'POST', '/cart/add', 'diff', 1);
    const paths = [
      ...container.querySelectorAll<HTMLElement>('[data-testid=diff-handler] [data-testid=diff-entry]'),
    ].map((e) => e.dataset.path);
    expect(paths.some((p) => p?.startsWith('cart.items[1]'))).toBe(true);
  });

  test('Diff: shift-click compares any two requests', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/prefs'));
    fireEvent.click(rowFor(container, 'POST', '/cart/add'), { shiftKey: true });
    expect(container.querySelector('[data-testid=diff-compare]')).not.toBeNull();
    const paths = [
      ...container.querySelectorAll<HTMLElement>('[data-testid=diff-compare] [data-testid=diff-entry]'),
    ].map((e) => e.dataset.path);
    expect(paths.some((p) => p?.startsWith('prefs'))).toBe(true);
  });

  test('Session: typed values from /types show as their types, and search opens matches', async () => {
    const { container } = renderPanel(memory);
    open(container, 'GET', '/types', 'session');
    const types = [...container.querySelectorAll<HTMLElement>('[data-testid=tree-node]')].map(
      (n) => n.dataset.type,
    );
    expect(types).toEqual(expect.arrayContaining(['date', 'map', 'set', 'bytes']));
    fireEvent.input(container.querySelector('[data-testid=session-search]')!, {
      target: { value: 'teapot' },
    });
    // The search runs once typing settles (150 ms).
    await waitFor(() => expect(container.querySelector('.node.hit')).not.toBeNull());
    expect(container.querySelector('[data-testid=search-summary]')?.textContent).toMatch(/^2 matches/);
  });

  test('Cookies: remember-me turns the session cookie persistent, flags and the configured options shown', () => {
    const { container } = renderPanel(memory);
    open(container, 'POST', '/remember', 'cookies');
    const row = container.querySelector<HTMLElement>('[data-testid=set-cookie-row][data-name="connect.sid"]');
    expect(row?.dataset).toMatchObject({ expiry: 'persistent', httponly: 'true' });
    expect(container.querySelector('[data-testid=configured-cookie]')?.textContent).toContain('maxAge');
    expect(
      container.querySelector('[data-testid=decoded-cookie][data-format=express-session]'),
    ).not.toBeNull();
  });

  test('Size: the bloat route raises the warning, then the error, in cookie-session mode', () => {
    const { container } = renderPanel(cookie);
    const levels: string[] = [];
    for (let i = 0; i < 7; i++) {
      open(container, 'POST', '/bloat', 'size', i);
      levels.push(
        container.querySelector<HTMLElement>('[data-testid=size-gauge][data-name=session]')?.dataset.level ??
          'none',
      );
    }
    expect(levels).toContain('warning');
    expect(levels.at(-1)).toBe('error');
    expect(levels.indexOf('warning')).toBeLessThan(levels.indexOf('error'));
    expect(
      container.querySelector('[data-testid=size-series][data-name=session]')?.getAttribute('data-worst'),
    ).toBe('error');
  });

  test('Timeline: browser-session then persistent after remember-me; rolling moves the expiry', () => {
    const plain = renderPanel(memory);
    open(plain.container, 'GET', '/', 'timeline');
    const kinds = [
      ...plain.container.querySelectorAll<HTMLElement>(
        '[data-testid=timeline-row][data-name="connect.sid"] [data-testid=timeline-segment]',
      ),
    ].map((s) => s.dataset.kind);
    expect(kinds).toContain('session');
    expect(kinds.indexOf('persistent')).toBeGreaterThan(kinds.indexOf('session'));
    plain.unmount();

    const roll = renderPanel(rolling);
    open(roll.container, 'GET', '/', 'timeline');
    const segments = [
      ...roll.container.querySelectorAll<HTMLElement>(
        '[data-testid=timeline-row][data-name="connect.sid"] [data-testid=timeline-segment]',
      ),
    ];
    const renewed = segments.filter((s) => s.dataset.renewed === 'true');
    expect(renewed.length).toBeGreaterThan(2);
    // Every response re-sent the cookie: one segment per response of a live session.
    expect(segments.length).toBeGreaterThan(15);
    expect(roll.container.querySelector('[data-testid=timeline-now]')).not.toBeNull();
  });

  test('Security: login without rotation is a fixation finding pointing at its request', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(container.querySelector('[data-testid=tab-security]')!);
    const finding = container.querySelector<HTMLElement>(
      '[data-testid=security-finding][data-id=session-fixation]',
    );
    expect(finding?.textContent).toContain('/login-fixation');
    fireEvent.click(finding!.querySelector('button')!);
    expect(
      container.querySelector('[aria-selected=true][data-testid=request-row]')?.getAttribute('data-url'),
    ).toContain('/login-fixation');
  });

  test('Security: a csrf token kept in a cookie-session is a readable secret', () => {
    const { container } = renderPanel(cookie);
    fireEvent.click(container.querySelector('[data-testid=tab-security]')!);
    expect(
      container.querySelector('[data-testid=security-finding][data-id=secret-in-client-cookie]')?.textContent,
    ).toContain('csrfToken');
  });

  test('every registered view renders for a selected request', () => {
    const { container } = renderPanel(memory);
    fireEvent.click(rowFor(container, 'POST', '/login'));
    for (const tab of TABS) {
      fireEvent.click(container.querySelector(`[data-testid=tab-${tab.id}]`)!);
      expect(container.querySelector(`[data-testid=view-${tab.id}]`)?.textContent?.length).toBeGreaterThan(
        10,
      );
    }
  });

  test('filters: changed-session only and by method', () => {
    const { container } = renderPanel(memory);
    const count = () => container.querySelectorAll('[data-testid=request-row]').length;
    const all = count();
    fireEvent.click(container.querySelector('[data-testid=filter-changed]')!);
    expect(count()).toBeLessThan(all);
    expect(
      [...container.querySelectorAll<HTMLElement>('[data-testid=request-row]')].every(
        (r) => r.dataset.change !== 'unchanged',
      ),
    ).toBe(true);
    fireEvent.change(container.querySelector('[data-testid=filter-method]')!, { target: { value: 'POST' } });
    expect(
      [...container.querySelectorAll<HTMLElement>('[data-testid=request-row]')].every(
        (r) => r.dataset.method === 'POST',
      ),
    ).toBe(true);
  });

  test('export then import round-trips with the same numbers, a second import adds nothing; a malformed import is a notice and loses nothing', async () => {
    const { container, downloads, store } = renderPanel(memory);
    fireEvent.click(container.querySelector('[data-testid=export]')!);
    expect(downloads[0]?.filename).toMatch(/^sessionscope-.*\.json$/);
    const before = store.records.value.length;
    const input = container.querySelector<HTMLInputElement>('[data-testid=import-file]')!;
    const bad = new File(['{"format":"nope"}'], 'bad.json');
    Object.defineProperty(input, 'files', { value: [bad], configurable: true });
    fireEvent.change(input);
    await waitFor(() =>
      expect(container.querySelector('[data-testid=notice]')?.textContent).toContain(
        'not a Sessionscope history file',
      ),
    );
    expect(store.records.value.length).toBe(before);
    Object.defineProperty(input, 'files', {
      value: [new File([downloads[0]!.text], 'good.json')],
      configurable: true,
    });
    fireEvent.change(input);
    await waitFor(() =>
      expect(container.querySelector('[data-testid=notice]')?.textContent).toContain(
        `Imported 0 requests (${before} already listed, skipped).`,
      ),
    );
    expect(store.records.value.length).toBe(before);
    const numbers = store.records.value.map((r) => `${r.id} ${r.method} ${r.url}`);
    fireEvent.click(container.querySelector('[data-testid=clear]')!);
    expect(store.records.value.length).toBe(0);
    fireEvent.change(input);
    await waitFor(() => expect(store.records.value.length).toBe(before));
    expect(store.records.value.map((r) => `${r.id} ${r.method} ${r.url}`)).toEqual(numbers);
  });
});
