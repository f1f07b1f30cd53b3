import type { RequestRef } from '../../core/causes/types.js';
import type { DiffEntry } from '../../core/diff/diff.js';
import { diffBetween } from './diff-cache.js';
import { explainAt } from './explain.js';
import { payloadOf } from './selectors.js';
import type { RequestRecord } from './types.js';

export interface SincePrevious {
  /** `lost`: the session is gone; `changed`: it changed while the panel was not looking. */
  kind: 'lost' | 'changed';
  since: RequestRef;
  /** The previous sighting's session after → this request's session before. */
  entries: DiffEntry[];
}

/**
 * Between the last sighting of this session and `records[index]`: what changed while the panel
 * was not looking, or what was lost. Null when the session simply continued.
 */
export function sincePreviousAt(records: readonly RequestRecord[], index: number): SincePrevious | null {
  const verdict = explainAt(records, index)?.verdict;
  const payload = payloadOf(records[index]);
  if (!payload || !verdict) return null;
  if (!(verdict.kind === 'lost' || (verdict.kind === 'continued' && verdict.outside))) return null;
  // The previous sighting is a few rows back (explain looks back a bounded window).
  let at = index - 1;
  while (at >= 0 && records[at]!.id !== verdict.since.id) at--;
  const before = payloadOf(records[at]);
  if (!before) return null;
  return {
    kind: verdict.kind === 'lost' ? 'lost' : 'changed',
    since: verdict.since,
    entries: diffBetween(before.session.after, payload.session.before),
  };
}
