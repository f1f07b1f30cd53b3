import { fireEvent } from '@testing-library/preact';
import { expect, test } from 'vitest';
import type { HistoryRecord } from '../../core/history/format.js';
import { renderPanel, rowFor } from './panel-harness.js';

/**
 * One engine, one answer: the Cookies, Size and Timeline views agree about every cookie,
 * whether the engine or a later request (observed truth) decided it.
 */
const T0 = Date.parse('2026-12-01T08:00:00Z');
const record = (
  path: string,
  i: number,
  setCookies: string[],
  cookieHeader: string | null,
): HistoryRecord => ({
  url: `https://app.example.com${path}`,
  method: 'GET',
  status: 200,
  time: T0 + i * 1000,
  startedAt: T0 + i * 1000 - 20,
  debugHeader: null,
  setCookies,
  cookieHeader,
  storedCookies: [],
  debug: { state: 'plain' },
});

const history = [
  record('/login', 0, ['sid=old; Path=/; Max-Age=3600; HttpOnly'], null),
  record(
    '/save',
    1,
    [
      `sid=${'x'.repeat(5000)}; Path=/`, // too big: the browser keeps sid=old
      'pref=1; Path=/; Domain=com', // public suffix
      'theme=dark; Path=/; Expires=Wed, 15 Sep 2027 10:00:00', // zone-less: read as UTC
      'ghost=1; Path=/', // predicted kept, but the next request does not carry it
    ],
    'sid=old',
  ),
  record('/next', 2, [], 'sid=old; theme=dark'),
];

function open(container: Element, tab: string): Element {
  fireEvent.click(rowFor(container, 'GET', '/save'));
  fireEvent.click(container.querySelector(`[data-testid=tab-${tab}]`)!);
  return container.querySelector(`[data-testid=view-${tab}]`)!;
}

test('Cookies, Size and Timeline give one answer per cookie, the observation winning', () => {
  const { container, unmount } = renderPanel(history, T0 + 10_000);

  const cookies = open(container, 'cookies');
  const outcome = Object.fromEntries(
    [...cookies.querySelectorAll<HTMLElement>('[data-testid=set-cookie-row]')].map((r) => [
      r.dataset.name,
      [r.dataset.predicted, r.dataset.outcome],
    ]),
  );
  expect(outcome).toEqual({
    sid: ['rejected', 'rejected'],
    pref: ['rejected', 'rejected'],
    theme: ['stored', 'stored'],
    ghost: ['stored', 'rejected'],
  });
  const rules = [...cookies.querySelectorAll<HTMLElement>('[data-testid=cookie-finding]')].map(
    (f) => f.dataset.rule,
  );
  expect(rules).toEqual(expect.arrayContaining(['too-big', 'domain-public-suffix']));
  const drops = Object.fromEntries(
    [...cookies.querySelectorAll<HTMLElement>('[data-testid=observed-drop]')].map((d) => [
      d.dataset.name,
      d.textContent,
    ]),
  );
  expect(drops.sid).toContain(
    'Chromium did not keep `sid`: the next request to /next still sent the old value.',
  );
  expect(drops.ghost).toContain('Chromium did not keep `ghost`: the next request to /next sent none.');
  expect(drops.ghost).toContain('the engine predicted stored');
  const themeRow = cookies.querySelector('[data-testid=set-cookie-row][data-name=theme]')!;
  expect(themeRow.textContent).toContain('2027-09-15 10:00:00Z');

  const size = open(container, 'size');
  expect(
    [...size.querySelectorAll<HTMLElement>('[data-testid=size-dropped]')].map((d) => d.dataset.name),
  ).toEqual(['sid']);

  const timeline = open(container, 'timeline');
  const rows = Object.fromEntries(
    [...timeline.querySelectorAll<HTMLElement>('[data-testid=timeline-row][data-kind=cookie]')].map((r) => [
      r.dataset.name,
      [...r.querySelectorAll<HTMLElement>('[data-testid=timeline-segment]')].map(
        (s) => `${s.dataset.end}:${s.dataset.until}`,
      ),
    ]),
  );
  // sid: only the /login value, still live; theme until the UTC instant; nothing for the cookies the browser did not keep.
  expect(rows).toEqual({ sid: [`live:${T0 + 3_600_000}`], theme: [`live:${Date.UTC(2027, 8, 15, 10)}`] });
  unmount();
});
