import { expect, test } from 'vitest';
import { fireEvent } from '@testing-library/preact';
import { demoHistory } from './demo-history.js';
import { renderPanel, rowFor } from './panel-harness.js';

// Cookie Expires has 1-second resolution, the store TTL milliseconds: a sub-second gap is rounding.
test('Timeline: a store TTL within a second of the cookie expiry reads "aligned", never "0 s after the cookie is gone"', () => {
  const { container, unmount } = renderPanel(demoHistory('rolling'));
  const rows = [...container.querySelectorAll<HTMLElement>('[data-testid=request-row]')].filter(
    (r) => r.dataset.method === 'GET' && new URL(r.dataset.url!).pathname === '/',
  );
  fireEvent.click(rows.at(-1) ?? rowFor(container, 'GET', '/'));
  fireEvent.click(container.querySelector('[data-testid=tab-timeline]')!);
  const drift = container.querySelector('[data-testid=timeline-drift]');
  expect(drift).not.toBeNull();
  expect(drift!.textContent).not.toMatch(/\b0 s\b/);
  expect(drift!.textContent).toContain('aligned');
  unmount();
});
