import { describe, expect, test } from 'vitest';
import { act, fireEvent } from '@testing-library/preact';
import { renderPanel } from './panel-harness.js';

const KID = 'abcdefghijklmnopqrstuv';
const APP = 'http://127.0.0.1:3000';

function paired(origins = [APP], page: string | null = APP) {
  const view = renderPanel();
  act(() => {
    view.dispatch({ type: 'paired', kid: KID });
    view.dispatch({ type: 'key-scope', origins, remembered: false });
    view.dispatch({ type: 'page-origin', origin: page });
  });
  return view;
}
const listed = (container: Element) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid=scope-origin]')].map((e) => e.dataset.origin);

describe('KeyScope: where the key id goes', () => {
  test('not paired: nothing shown', () => {
    const { container } = renderPanel();
    expect(container.querySelector('[data-testid=key-scope]')).toBeNull();
  });

  test('shows the paired origin, and whether this page gets the key id', () => {
    const { container, dispatch } = paired();
    expect(listed(container)).toEqual([APP]);
    expect(container.querySelector<HTMLElement>('[data-testid=scope-page]')?.dataset.covered).toBe('yes');
    act(() => {
      dispatch({ type: 'page-origin', origin: 'https://accounts.example.com' });
    });
    const page = container.querySelector<HTMLElement>('[data-testid=scope-page]')!;
    expect(page.dataset.covered).toBe('no');
    expect(page.textContent).toContain('https://accounts.example.com');
  });

  test('an API origin typed as a URL is added as its exact origin; a bad one is a readable error', () => {
    const { container, store } = paired();
    const input = container.querySelector<HTMLInputElement>('[data-testid=scope-origin-input]')!;
    fireEvent.input(input, { target: { value: 'localhost:4000' } });
    fireEvent.click(container.querySelector('[data-testid=scope-origin-add]')!);
    expect(container.querySelector('[data-testid=scope-error]')?.textContent).toContain(
      'http:// or https://',
    );
    expect(store.origins.value).toEqual([APP]);
    fireEvent.input(input, { target: { value: 'http://LOCALHOST:4000/api/v1' } });
    fireEvent.click(container.querySelector('[data-testid=scope-origin-add]')!);
    expect(store.origins.value).toEqual([APP, 'http://localhost:4000']);
    expect(container.querySelector('[data-testid=scope-error]')).toBeNull();
    expect(input.value).toBe('');
  });

  test('"Send it here too" adds the page origin; × removes an origin; none left says the key id goes nowhere', () => {
    const { container, store } = paired([APP], 'http://127.0.0.1:3001');
    fireEvent.click(container.querySelector('[data-testid=scope-page-add]')!);
    expect(store.origins.value).toEqual([APP, 'http://127.0.0.1:3001']);
    for (const button of container.querySelectorAll('[data-testid=scope-origin-remove]'))
      fireEvent.click(button);
    expect(store.origins.value).toEqual([]);
    expect(container.querySelector('[data-testid=scope-none]')?.textContent).toContain('no key id');
  });

  test('paired while the page could not say its origin: the bar says how to get out of it, until the page answers', () => {
    const { container, dispatch } = paired([], null);
    expect(container.querySelector('[data-testid=scope-no-page]')?.textContent).toContain('reload it');
    act(() => {
      dispatch({ type: 'page-origin', origin: APP });
    });
    expect(container.querySelector('[data-testid=scope-no-page]')).toBeNull();
    expect(container.querySelector<HTMLElement>('[data-testid=scope-page]')?.dataset.covered).toBe('no');
    fireEvent.click(container.querySelector('[data-testid=scope-page-add]')!);
    expect(listed(container)).toEqual([APP]);
  });

  test('"Remember pairing on this machine" is off by default and asks the shell to keep the pairing on disk', () => {
    const { container, store } = paired();
    const box = container.querySelector<HTMLInputElement>('[data-testid=remember-pairing]')!;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.title).toMatch(/unencrypted/);
    fireEvent.click(box);
    expect(store.remembered.value).toBe(true);
  });
});
