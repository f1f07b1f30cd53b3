import { useState } from 'preact/hooks';
import type { DiffEntry } from '../../../core/diff/diff.js';
import { formatValue } from '../../../core/diff/format-value.js';
import { printDiff } from '../../../core/diff/print.js';
import { usePanel } from '../../app/context.js';

const FOLD_AT = 120;

function Value({ value }: { value: DiffEntry['before'] }) {
  const [open, setOpen] = useState(false);
  const full = formatValue(value, 100_000);
  if (full.length <= FOLD_AT) return <code>{full}</code>;
  return (
    <code class="folded">
      {open ? full : formatValue(value, FOLD_AT)}{' '}
      <button type="button" class="link" onClick={() => setOpen(!open)}>
        {open ? 'fold' : `show all ${full.length} chars`}
      </button>
    </code>
  );
}

export function DiffList({ entries, testid }: { entries: DiffEntry[]; testid: string }) {
  const { actions } = usePanel();
  return (
    <div data-testid={testid}>
      <button type="button" class="copy" data-testid={`${testid}-copy`} onClick={() => actions.copy(printDiff(entries))}>
        Copy as text
      </button>
      {entries.length === 0 ? <p class="muted">No changes.</p> : null}
      <ul class="diff">
        {entries.map((e) => (
          <li class={`diff-entry k-${e.kind}`} data-testid="diff-entry" data-kind={e.kind} data-path={e.path}>
            <span class="kind">{e.kind}</span> <span class="path">{e.path}</span>{' '}
            {e.kind !== 'added' ? <Value value={e.before} /> : null}
            {e.kind === 'changed' || e.kind === 'type-changed' ? <span class="arrow"> → </span> : null}
            {e.kind !== 'removed' ? <Value value={e.after} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
