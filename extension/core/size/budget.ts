/**
 * Byte budgets a session runs into, and how close a cookie is to each.
 * Figures are the limits that make real apps fail silently or with 4xx/5xx.
 */

/** Per cookie, name + value (RFC 6265bis §5.6; Chrome, Firefox and Safari enforce it). */
export const COOKIE_LIMIT = 4096;
/** The whole Cookie request header: nginx `large_client_header_buffers` 8 KB and Apache `LimitRequestFieldSize` 8190 answer 400 beyond it. */
export const COOKIE_HEADER_LIMIT = 8190;
/** Warn from this share of a limit. */
export const WARN_RATIO = 0.8;

export type BudgetLevel = 'ok' | 'warning' | 'error';

export interface Budget {
  bytes: number;
  limit: number;
  ratio: number;
  level: BudgetLevel;
}

export function budget(bytes: number, limit: number): Budget {
  const ratio = bytes / limit;
  const level: BudgetLevel = bytes > limit ? 'error' : ratio >= WARN_RATIO ? 'warning' : 'ok';
  return { bytes, limit, ratio, level };
}

export const cookieBudget = (bytes: number): Budget => budget(bytes, COOKIE_LIMIT);
export const cookieHeaderBudget = (bytes: number): Budget => budget(bytes, COOKIE_HEADER_LIMIT);

export interface SizePoint {
  /** Index of the request in the recorded history. */
  index: number;
  time: number;
  bytes: number;
}

export interface SizeSeries {
  name: string;
  points: SizePoint[];
  latest: Budget;
  /** Highest level seen over the history. */
  worst: BudgetLevel;
}

const rank: Record<BudgetLevel, number> = { ok: 0, warning: 1, error: 2 };

/** Turns per-request measurements into one series per name (cookie or 'Cookie header'). */
export function sizeSeries(
  samples: readonly { index: number; time: number; sizes: readonly { name: string; bytes: number }[] }[],
  limitOf: (name: string) => number,
): SizeSeries[] {
  const byName = new Map<string, SizePoint[]>();
  for (const sample of samples) {
    for (const { name, bytes } of sample.sizes) {
      const points = byName.get(name) ?? [];
      points.push({ index: sample.index, time: sample.time, bytes });
      byName.set(name, points);
    }
  }
  return [...byName].map(([name, points]) => {
    const levels = points.map((p) => budget(p.bytes, limitOf(name)).level);
    const worst = levels.reduce<BudgetLevel>((a, b) => (rank[b] > rank[a] ? b : a), 'ok');
    const last = points[points.length - 1]!;
    return { name, points, latest: budget(last.bytes, limitOf(name)), worst };
  });
}
