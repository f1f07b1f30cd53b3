import { useState } from 'preact/hooks';
import type { DiffEntry } from '../../../core/diff/diff.js';
import { printDiff } from '../../../core/diff/print.js';
import { count } from '../../../core/values/cut-text.js';
import { usePanel } from '../../app/context.js';
import { Revealed } from '../../app/Revealed.js';
import { TypedValueView } from './TypedValueView.js';

/** Entries rendered per page: a diff of 1,000,000 items renders as fast as one of 200. */
export const PAGE = 200;

/** Longest path shown whole; a path 100,000 levels deep shows its end, saying how much is left out. */
const PATH_SHOWN = 300;

function PathText({ path }: { path: string }) {
  if (path.length <= PATH_SHOWN) return <Revealed text={path} />;
  return (
    <>
      <span class="cut-mark" data-testid="cut-mark">
        … {count(path.length - PATH_SHOWN)} chars of path ›
      </span>
      <Revealed text={path.slice(-PATH_SHOWN)} />
    </>
  );
}

export function DiffList({ entries, testid }: { entries: DiffEntry[]; testid: string }) {
  const { actions } = usePanel();
  const [shown, setShown] = useState(PAGE);
  const page = entries.slice(0, shown);
  return (
    <div data-testid={testid}>
      <button
        type="button"
        class="copy"
        data-testid={`${testid}-copy`}
        title="Copies every change with its whole values"
        onClick={() => actions.copy(printDiff(entries))}
      >
        Copy as text
      </button>
      {entries.length === 0 ? <p class="muted">No changes.</p> : null}
      <ul class="diff">
        {page.map((e) => (
          <li
            class={`diff-entry k-${e.kind}`}
            data-testid="diff-entry"
            data-kind={e.kind}
            data-path={e.path.length <= PATH_SHOWN ? e.path : undefined}
          >
            <span class="kind">{e.kind}</span>{' '}
            <span class="path">
              <PathText path={e.path} />
            </span>{' '}
            {e.kind !== 'added' ? <TypedValueView value={e.before} /> : null}
            {e.kind === 'changed' || e.kind === 'type-changed' ? <span class="arrow"> → </span> : null}
            {e.kind !== 'removed' ? <TypedValueView value={e.after} /> : null}
          </li>
        ))}
      </ul>
      {page.length < entries.length ? (
        <button type="button" data-testid={`${testid}-more`} onClick={() => setShown(shown + PAGE)}>
          Show {count(Math.min(PAGE, entries.length - page.length))} more changes (
          {count(entries.length - page.length)} not shown of {count(entries.length)})
        </button>
      ) : null}
    </div>
  );
}
