import { describe, expect, test } from 'vitest';
import { timeTicks } from './axis.js';

const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  test('seconds: a 20 s span at most 6 ticks steps by 5 s, labelled to the second', () => {
    const { step, ticks } = timeTicks(at('2026-06-04T11:27:53Z'), at('2026-06-04T11:28:13Z'), 6);
    expect(step).toBe(5000);
    expect(ticks.map((t) => t.label)).toEqual(['11:27:55', '11:28:00', '11:28:05', '11:28:10']);
  });

  test('minutes are labelled hh:mm, on round minutes', () => {
    const { ticks } = timeTicks(at('2026-06-04T11:03:20Z'), at('2026-06-04T11:31:00Z'), 4);
    expect(ticks.map((t) => t.label)).toEqual(['11:10', '11:20', '11:30']);
  });

  test('days are labelled by date, on local midnight (zone offset applied)', () => {
    // UTC+2 (getTimezoneOffset -120): local midnight is 22:00 UTC the day before.
    const { ticks } = timeTicks(at('2026-06-01T12:00:00Z'), at('2026-06-04T12:00:00Z'), 5, -120);
    expect(ticks.map((t) => t.label)).toEqual(['2026-06-02', '2026-06-03', '2026-06-04']);
    expect(ticks[0]!.time).toBe(at('2026-06-01T22:00:00Z'));
  });

  test('never more ticks than asked, even over years', () => {
    for (const max of [1, 2, 3, 7]) {
      const { ticks } = timeTicks(at('2020-01-01T00:00:00Z'), at('2026-06-04T00:00:00Z'), max);
      expect(ticks.length).toBeLessThanOrEqual(max);
      expect(ticks.length).toBeGreaterThan(0);
    }
  });
});
