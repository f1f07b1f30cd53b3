import type { DiffEntry } from './diff.js';
import { formatValue } from './format-value.js';

const SIGN = { added: '+', removed: '-', changed: '~', 'type-changed': '!' } as const;

/**
 * The one readable text form of a diff, used by the "Copy as text" button and by tests:
 *   + cart.items[0]: {…} {"sku":"tea","qty":1}
 *   ~ views: 1 → 2
 */
export function printDiff(entries: readonly DiffEntry[]): string {
  if (entries.length === 0) return '(no changes)';
  return entries
    .map((e) => {
      const sign = SIGN[e.kind];
      if (e.kind === 'added') return `${sign} ${e.path}: ${formatValue(e.after)}`;
      if (e.kind === 'removed') return `${sign} ${e.path}: ${formatValue(e.before)}`;
      return `${sign} ${e.path}: ${formatValue(e.before)} → ${formatValue(e.after)}`;
    })
    .join('\n');
}
