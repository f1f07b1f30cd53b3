import { useState } from 'preact/hooks';
import type { DiffEntry } from '../../../core/diff/diff.js';
import { printDiff } from '../../../core/diff/print.js';
import { usePanel } from '../../app/context.js';
import { TypedValueView } from './TypedValueView.js';

/** Entries rendered at first; the rest behind a button (a flat list: ready to be virtualized). */
export const FIRST_ENTRIES = 300;

export function DiffList({ entries, testid }: { entries: DiffEntry[]; testid: string }) {
  const { actions } = usePanel();
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, FIRST_ENTRIES);
  return (
    <div data-testid={testid}>
      <button
        type="button"
        class="copy"
        data-testid={`${testid}-copy`}
        onClick={() => actions.copy(printDiff(entries))}
      >
        Copy as text
      </button>
      {entries.length === 0 ? <p class="muted">No changes.</p> : null}
      <ul class="diff">
        {shown.map((e) => (
          <li class={`diff-entry k-${e.kind}`} data-testid="diff-entry" data-kind={e.kind} data-path={e.path}>
            <span class="kind">{e.kind}</span> <span class="path">{e.path}</span>{' '}
            {e.kind !== 'added' ? <TypedValueView value={e.before} /> : null}
            {e.kind === 'changed' || e.kind === 'type-changed' ? <span class="arrow"> → </span> : null}
            {e.kind !== 'removed' ? <TypedValueView value={e.after} /> : null}
          </li>
        ))}
      </ul>
      {shown.length < entries.length ? (
        <button type="button" data-testid={`${testid}-more`} onClick={() => setAll(true)}>
          Show all {entries.length} changes ({entries.length - shown.length} more)
        </button>
      ) : null}
    </div>
  );
}
