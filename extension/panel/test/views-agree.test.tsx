import { afterEach, expect, test } from 'vitest';
import { cleanup, fireEvent } from '@testing-library/preact';
import type { HistoryRecord } from '../../core/history/format.js';
import { demoHistory } from './demo-history.js';
import { renderPanel, rowFor } from './panel-harness.js';

afterEach(cleanup);

function open(container: Element, method: string, path: string, tab: string, nth = 0): void {
  fireEvent.click(rowFor(container, method, path, nth));
  fireEvent.click(container.querySelector(`[data-testid=tab-${tab}]`)!);
}

const text = (container: Element, selector: string) => container.querySelector(selector)?.textContent ?? '';

test('Timeline: "rolling" only when the server says rolling; an axis, a lane per session id, the selected request marked', () => {
  const plain = renderPanel(demoHistory('memory'));
  open(plain.container, 'POST', '/login', 'timeline');
  // Memory mode re-sends the cookie when the session changes (remember-me): not rolling.
  expect(text(plain.container, '[data-testid=timeline-legend]')).not.toContain('renewed (rolling)');
  const lanes = [...plain.container.querySelectorAll<HTMLElement>('[data-testid=timeline-lane]')];
  expect(lanes.length).toBeGreaterThanOrEqual(2);
  expect(lanes.some((l) => l.dataset.ended === 'regenerated')).toBe(true);
  const title = text(plain.container, '[data-testid=detail-title]');
  expect(title).toMatch(
    new RegExp(
      `^#${plain.container.querySelector<HTMLElement>('[data-testid=timeline-selected]')!.dataset.id} `,
    ),
  );
  expect(plain.container.querySelectorAll('[data-testid=axis-tick]').length).toBeGreaterThanOrEqual(2);
  plain.unmount();

  const roll = renderPanel(demoHistory('rolling'));
  open(roll.container, 'GET', '/', 'timeline', 3);
  expect(text(roll.container, '[data-testid=timeline-legend]')).toContain('renewed (rolling)');
  expect(
    roll.container.querySelector('[data-testid=timeline-segment][data-renewed=true][data-rolling=true]'),
  ).not.toBeNull();
});

test('Size: the selected request apart from the latest, charts with labelled axes', () => {
  const { container } = renderPanel(demoHistory('cookie'));
  open(container, 'GET', '/', 'size', 1);
  const series = container.querySelector<HTMLElement>('[data-testid=size-series][data-name=session]')!;
  expect(series.querySelector('[data-testid=size-this]')?.textContent).toMatch(
    /^this request \(#\d+\): \d+ bytes$/,
  );
  expect(series.querySelector('[data-testid=size-latest]')?.textContent).toMatch(
    /^latest \(#\d+\): \d+ bytes$/,
  );
  expect(series.querySelector('[data-testid=size-axis-y]')?.textContent).toBe('0 B');
  expect(series.querySelector('[data-testid=size-axis-x]')?.textContent).toMatch(/^request #\d+$/);
});

function withStored(
  records: readonly HistoryRecord[],
  stored: HistoryRecord['storedCookies'],
): HistoryRecord[] {
  return records.map((r) =>
    r.setCookies.some((c) => c.startsWith('connect.sid=')) ? { ...r, storedCookies: stored } : r,
  );
}

test("Cookies: Firefox's DevTools line (names only) prints no unknown flags; Chromium's names a disagreement", () => {
  const firefox = renderPanel(
    withStored(demoHistory('memory'), [
      { name: 'connect.sid', httpOnly: null, secure: null, sameSite: null, expires: null },
    ]),
  );
  open(firefox.container, 'GET', '/', 'cookies');
  const line = firefox.container.querySelector<HTMLElement>('[data-testid=stored-cookies]')!;
  expect(line.dataset.flags).toBe('none');
  expect(line.textContent).not.toMatch(/\?|\(none\)|HttpOnly/);
  firefox.unmount();

  const chromium = renderPanel(
    withStored(demoHistory('memory'), [
      { name: 'connect.sid', httpOnly: true, secure: false, sameSite: 'Strict', expires: null },
    ]),
  );
  open(chromium.container, 'GET', '/', 'cookies');
  const item = chromium.container.querySelector<HTMLElement>(
    '[data-testid=stored-cookie][data-name="connect.sid"]',
  )!;
  expect(item.dataset.agrees).toBe('false');
  expect(item.textContent).toContain('the Set-Cookie header says SameSite Lax');
});
