import type { ObservedFact } from '../../../core/cookies/observe.js';
import type { RequestRecord } from '../../state/types.js';

/**
 * Observed truth: what the next matching request showed about each cookie this response set.
 * Disagreements with the prediction come first and say what the browser really did.
 */
export function Observations({
  facts,
  records,
}: {
  facts: readonly ObservedFact[];
  records: readonly RequestRecord[];
}) {
  if (facts.length === 0)
    return <p class="muted">No later request to a matching URL yet: nothing observed.</p>;
  const sorted = [...facts].sort((a, b) => Number(a.agrees) - Number(b.agrees));
  return (
    <ul class="findings" data-testid="observations">
      {sorted.map((f) => {
        const drop = f.observed === 'not-kept' || f.observed === 'not-deleted';
        const testid = drop ? 'observed-drop' : f.agrees ? 'observed-ok' : 'observed-kept';
        return (
          <li
            class={`finding ${drop ? 'sev-error' : f.agrees ? 'muted' : 'sev-warning'}`}
            data-testid={testid}
            data-name={f.name}
            data-observed={f.observed}
            data-predicted={f.predicted}
            data-agrees={String(f.agrees)}
          >
            {f.message}{' '}
            <span class="muted">
              (request #{records[f.by.index]?.id}
              {f.agrees ? ', as predicted' : `; the engine predicted ${f.predicted}`})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
