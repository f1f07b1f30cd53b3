import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { diffSessions, type DiffEntry } from '../../core/diff/diff.js';

/**
 * Diffs between two session values, kept per pair of value objects: a diff of 20,000 keys or a
 * 1,000,000-item array is worked out once, not on every render of the view that shows it.
 */
const NONE = {};
const byBefore = new WeakMap<object, WeakMap<object, DiffEntry[]>>();

const slot = (value: TypedValue | null): object | undefined =>
  value === null ? NONE : typeof value === 'object' ? value : undefined;

export function diffBetween(before: TypedValue | null, after: TypedValue | null): DiffEntry[] {
  const b = slot(before);
  const a = slot(after);
  if (!b || !a) return diffSessions(before, after);
  let inner = byBefore.get(b);
  if (!inner) byBefore.set(b, (inner = new WeakMap()));
  let diff = inner.get(a);
  if (!diff) inner.set(a, (diff = diffSessions(before, after)));
  return diff;
}

/** Newest first; older jobs are dropped past this (a view works its diff out when it is opened). */
const WARM_AT_MOST = 50;
const queue: (() => void)[] = [];
let warming = false;

/**
 * Runs diff jobs for newly decoded payloads in background tasks, one per task, so that clicking
 * a request with a huge session does not pay for its diffs (the findings index over the whole
 * history deliberately never diffs). Nothing changes in what any view shows.
 */
export function warmInBackground(jobs: readonly (() => void)[]): void {
  queue.push(...jobs.slice(-WARM_AT_MOST));
  if (queue.length > WARM_AT_MOST) queue.splice(0, queue.length - WARM_AT_MOST);
  if (warming || queue.length === 0) return;
  warming = true;
  const step = () => {
    const job = queue.pop();
    try {
      job?.();
    } finally {
      if (queue.length > 0) setTimeout(step, 0);
      else warming = false;
    }
  };
  setTimeout(step, 0);
}
