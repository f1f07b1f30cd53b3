import { describe, expect, test } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { generateKey } from '../../../protocol/src/index.js';
import { samplePayload } from '../../../protocol/src/sample-payload.js';
import type { HistoryRecord } from '../../core/history/format.js';
import { historyRecord, renderPanel } from './panel-harness.js';

const base = historyRecord;

describe('panel edges', () => {
  test('pairing: a bad string is a readable error, a good one shows the key id', async () => {
    const { container } = renderPanel();
    const input = container.querySelector<HTMLTextAreaElement>('[data-testid=pairing-input]')!;
    fireEvent.input(input, { target: { value: 'sessionscope1:short' } });
    fireEvent.click(container.querySelector('[data-testid=pairing-save]')!);
    await waitFor(() => expect(container.querySelector('[data-testid=pairing-error]')?.textContent).toContain('43 base64url'));
    const key = await generateKey();
    fireEvent.input(input, { target: { value: key.pairing } });
    fireEvent.click(container.querySelector('[data-testid=pairing-save]')!);
    await waitFor(() => expect(container.querySelector('[data-testid=pairing-status]')?.textContent).toContain(key.kid));
    expect(container.textContent).not.toContain(key.pairing);
  });

  test('the pairing bar says when the key-id rule is active, and when the browser refused it', () => {
    const { container, dispatch } = renderPanel();
    dispatch({ type: 'paired', kid: 'A'.repeat(22) });
    dispatch({ type: 'rule-status', active: true });
    return waitFor(() => expect(container.querySelector('[data-testid=pairing-status]')?.getAttribute('data-rule')).toBe('active')).then(async () => {
      dispatch({ type: 'rule-status', active: false, error: 'host permission missing' });
      await waitFor(() => expect(container.querySelector('[data-testid=rule-error]')?.textContent).toContain('host permission missing'));
      expect(container.querySelector('[data-testid=pairing-status]')?.getAttribute('data-rule')).toBe('pending');
    });
  });

  test('error rows show their code and the other rows keep working', () => {
    const { container } = renderPanel([
      base({ debug: { state: 'error', code: 'ERR_DECRYPT', message: 'did not decrypt' } }),
      base({ url: 'http://localhost:3000/ok', debug: { state: 'decoded', payload: samplePayload() } }),
    ]);
    const rows = container.querySelectorAll<HTMLElement>('[data-testid=request-row]');
    expect(rows[0]?.dataset.state).toBe('error');
    expect(rows[0]?.querySelector('[data-testid=request-error]')?.textContent).toMatch(/^ERR_DECRYPT: /);
    expect(rows[1]?.dataset.state).toBe('decoded');
    fireEvent.click(rows[1]!);
    expect(container.querySelectorAll('[data-testid=diff-entry]').length).toBeGreaterThan(0);
  });

  test('hostile session values render as inert text', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const payload = samplePayload({
      session: {
        before: null,
        after: { [hostile]: hostile, link: 'javascript:alert(1)', deep: { a: { b: { c: hostile } } } },
        idBefore: null,
        idAfter: 'x',
        change: 'new',
      },
    });
    const { container } = renderPanel([base({ debug: { state: 'decoded', payload } })]);
    fireEvent.click(container.querySelector('[data-testid=request-row]')!);
    fireEvent.click(container.querySelector('[data-testid=tab-session]')!);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect([...container.querySelectorAll('a')].some((a) => a.getAttribute('href')?.startsWith('javascript:'))).toBe(false);
    expect(container.textContent).toContain('<img src=x');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('10,000 requests: the list renders a window of rows, not all of them', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => base({ url: `http://localhost:3000/r/${i}` }));
    const { container } = renderPanel(many);
    const rendered = container.querySelectorAll('[data-testid=request-row]').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(200);
  });

  test('keyboard: arrow keys move the selection', () => {
    const { container } = renderPanel([base({ url: 'http://localhost:3000/a' }), base({ url: 'http://localhost:3000/b' })]);
    const list = container.querySelector('[data-testid=request-list]')!;
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(container.querySelector('[aria-selected=true]')?.getAttribute('data-url')).toBe('http://localhost:3000/b');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(container.querySelector('[aria-selected=true]')?.getAttribute('data-url')).toBe('http://localhost:3000/a');
  });

  test('clear empties the list; pause stops recording', () => {
    const { container, dispatch, store } = renderPanel([base({})]);
    fireEvent.click(container.querySelector('[data-testid=clear]')!);
    expect(store.records.value).toHaveLength(0);
    fireEvent.click(container.querySelector('[data-testid=pause]')!);
    dispatch({ type: 'request-finished', summary: base({}) });
    expect(store.records.value).toHaveLength(0);
  });

  test('a Flask cookie without server-lib is decoded in the Session view', () => {
    const flask = 'eyJ2aXNpdHMiOjF9.aVc3pQ.0A2vVxgOqfC1ukV3FFRI2H8OIvw';
    const { container } = renderPanel([base({ setCookies: [`session=${flask}; HttpOnly; Path=/`] })]);
    fireEvent.click(container.querySelector('[data-testid=request-row]')!);
    fireEvent.click(container.querySelector('[data-testid=tab-session]')!);
    expect(container.querySelector('[data-testid=client-session-note]')?.textContent).toContain('flask');
    expect(container.querySelector('[data-testid=tree-node][data-name=visits]')).not.toBeNull();
  });
});
