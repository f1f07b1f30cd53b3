import type { DiffEntry } from './diff.js';
import { printValue } from './print-value.js';

const SIGN = { added: '+', removed: '-', changed: '~', 'type-changed': '!' } as const;

/**
 * The one readable text form of a diff, used by the "Copy as text" button and by tests. Values
 * are printed whole (printValue): a copy never cuts without saying so.
 *   + cart.items[0]: {…} {"sku":"tea","qty":1}
 *   ~ views: 1 → 2
 */
export function printDiff(entries: readonly DiffEntry[]): string {
  if (entries.length === 0) return '(no changes)';
  return entries
    .map((e) => {
      const sign = SIGN[e.kind];
      if (e.kind === 'added') return `${sign} ${e.path}: ${printValue(e.after)}`;
      if (e.kind === 'removed') return `${sign} ${e.path}: ${printValue(e.before)}`;
      return `${sign} ${e.path}: ${printValue(e.before)} → ${printValue(e.after)}`;
    })
    .join('\n');
}
