import { useState } from 'preact/hooks';
import { usePanel } from '../../app/context.js';
import type { FindingGroup } from '../../state/finding-index.js';
import { useFindings } from '../../state/useFindings.js';
import type { RequestRecord } from '../../state/types.js';

/** Groups rendered at first; the rest behind a button. */
const FIRST_GROUPS = 200;

function Group({ group, records }: { group: FindingGroup; records: readonly RequestRecord[] }) {
  const { dispatch } = usePanel();
  const { finding, positions } = group;
  const first = records[positions[0]!]!;
  const more = positions.length - 1;
  const id = finding.key.split(':')[1] ?? finding.kind;
  return (
    <li
      class={`finding sev-${finding.severity}`}
      data-testid={finding.kind === 'cookie' ? 'cookie-finding' : 'security-finding'}
      data-id={id}
      data-kind={finding.kind}
      data-request={String(first.id)}
      data-count={String(positions.length)}
    >
      <span class="sev">{finding.severity}</span> <strong>{finding.title}</strong> {finding.detail}{' '}
      {finding.spec ? (
        <a href={finding.spec.url} target="_blank" rel="noreferrer noopener">
          {finding.spec.text}
        </a>
      ) : null}{' '}
      <button type="button" class="link" onClick={() => dispatch({ type: 'select', id: first.id })}>
        show request #{first.id}
      </button>
      {more > 0 ? (
        <span class="muted">
          {' '}
          (again on {more} later request{more === 1 ? '' : 's'}, last #{records[positions.at(-1)!]!.id})
        </span>
      ) : null}
    </li>
  );
}

/**
 * Every finding over the recorded history, grouped: one line per finding (a rule on one cookie,
 * a secret in the cookie session, a cookie held for a destroyed session), at the request that
 * first showed it, with how often it came back. Read from the incremental finding index.
 */
export function SecurityView({ records }: { records: readonly RequestRecord[] }) {
  const { index, complete } = useFindings();
  const [all, setAll] = useState(false);
  if (!complete) {
    return (
      <p class="muted" data-testid="security-scanning">
        Reading findings… {index.progress()} of {records.length} requests.
      </p>
    );
  }
  const groups = index.groups();
  if (groups.length === 0) {
    return (
      <p class="muted" data-testid="security-clean">
        No security finding in the {records.length} recorded requests.
      </p>
    );
  }
  const rank = (g: FindingGroup) => (g.finding.severity === 'error' ? 0 : 1);
  const session = groups.filter((g) => g.finding.kind !== 'cookie').sort((a, b) => rank(a) - rank(b));
  const flags = groups.filter((g) => g.finding.kind === 'cookie').sort((a, b) => rank(a) - rank(b));
  const cap = (list: FindingGroup[]) => (all ? list : list.slice(0, FIRST_GROUPS));
  return (
    <section>
      {session.length > 0 ? (
        <ul class="findings" data-testid="security-session">
          {cap(session).map((g) => (
            <Group group={g} records={records} />
          ))}
        </ul>
      ) : null}
      {flags.length > 0 ? <h3>Cookie flags</h3> : null}
      <ul class="findings" data-testid="security-flags">
        {cap(flags).map((g) => (
          <Group group={g} records={records} />
        ))}
      </ul>
      {!all && (session.length > FIRST_GROUPS || flags.length > FIRST_GROUPS) ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all {groups.length} findings
        </button>
      ) : null}
    </section>
  );
}
