/**
 * A time axis for the Timeline: tick times at a round step (1 s, 5 s, 1 min, 1 h, 1 day, …) and
 * their labels, with no more ticks than the drawn width holds. Pure; the caller gives the zone
 * offset so labels read like the request list's start times (local clock) and tests stay fixed.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round steps, smallest first. */
export const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  180 * DAY,
  365 * DAY,
];

export interface AxisTick {
  time: number;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `11:27:55`, `11:28`, `Jun 04 11:00` or `2026-06-04`, as fine as the step needs. */
export function tickLabel(time: number, step: number, offsetMinutes: number): string {
  const d = new Date(time - offsetMinutes * MINUTE);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (step < MINUTE) return `${hm}:${pad(d.getUTCSeconds())}`;
  if (step < DAY) return hm;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Ticks between `start` and `end` (epoch ms), at most `maxTicks`, on round local times.
 * `offsetMinutes` is `Date#getTimezoneOffset()` (minutes behind UTC).
 */
export function timeTicks(
  start: number,
  end: number,
  maxTicks: number,
  offsetMinutes = 0,
): { step: number; ticks: AxisTick[] } {
  const span = Math.max(end - start, 1);
  const want = Math.max(1, Math.floor(maxTicks));
  const step = STEPS.find((s) => span / s <= want) ?? Math.ceil(span / want / DAY) * DAY;
  const shift = -offsetMinutes * MINUTE;
  // Round in local time: a 1-day step falls on local midnight, a 1-hour step on the hour.
  const first = Math.ceil((start + shift) / step) * step - shift;
  const ticks: AxisTick[] = [];
  for (let t = first; t <= end; t += step) ticks.push({ time: t, label: tickLabel(t, step, offsetMinutes) });
  return { step, ticks };
}
