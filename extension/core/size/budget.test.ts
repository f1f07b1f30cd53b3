import { describe, expect, test } from 'vitest';
import { budget, cookieBudget, cookieHeaderBudget, sizeSeries } from './budget.js';

describe('size budget', () => {
  test('levels: ok below 80 %, warning from 80 % up to the limit, error past it', () => {
    expect(cookieBudget(3276).level).toBe('ok');
    expect(cookieBudget(3277).level).toBe('warning');
    expect(cookieBudget(4096).level).toBe('warning');
    expect(cookieBudget(4097).level).toBe('error');
    expect(cookieHeaderBudget(9000)).toMatchObject({ level: 'error', limit: 8190 });
    expect(budget(50, 100).ratio).toBe(0.5);
  });

  test('series per name keep history and remember the worst level', () => {
    const series = sizeSeries(
      [
        { index: 0, time: 1, sizes: [{ name: 'session', bytes: 1000 }] },
        { index: 1, time: 2, sizes: [{ name: 'session', bytes: 4200 }, { name: 'theme', bytes: 10 }] },
        { index: 2, time: 3, sizes: [{ name: 'session', bytes: 500 }] },
      ],
      () => 4096,
    );
    const session = series.find((s) => s.name === 'session')!;
    expect(session.points.map((p) => p.bytes)).toEqual([1000, 4200, 500]);
    expect(session.worst).toBe('error');
    expect(session.latest.level).toBe('ok');
    expect(series.find((s) => s.name === 'theme')?.points).toHaveLength(1);
  });
});
