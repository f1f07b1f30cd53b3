import { usePanel } from '../../app/context.js';
import { analyze } from '../../state/analysis.js';
import type { RequestRecord } from '../../state/types.js';
import { Findings } from '../cookies/Findings.js';

/** Every security finding over the recorded history, each pointing at the request that caused it. */
export function SecurityView({ records }: { records: readonly RequestRecord[] }) {
  const { dispatch } = usePanel();
  const all = records.map((record, index) => ({ record, analysis: analyze(record, index) }));
  // A finding that recurs on every request (a secret that stays in the cookie) is listed once,
  // at the request that introduced it, with how many later requests repeated it.
  const sessionByKey = new Map<string, { f: (typeof all)[number]['analysis']['security'][number]; record: RequestRecord; count: number }>();
  for (const { record, analysis } of all) {
    for (const f of analysis.security) {
      const key = `${f.id} ${f.title}`;
      const seen = sessionByKey.get(key);
      if (seen) seen.count++;
      else sessionByKey.set(key, { f, record, count: 1 });
    }
  }
  const session = [...sessionByKey.values()];
  // One line per rule and cookie, at the first request that showed it, with how often it recurred.
  const byKey = new Map<string, { f: (typeof all)[number]['analysis']['cookieFindings'][number]; record: RequestRecord; count: number }>();
  for (const { record, analysis } of all) {
    for (const f of analysis.cookieFindings) {
      if (f.severity === 'info') continue;
      const key = `${f.ruleId} ${f.cookieName}`;
      const seen = byKey.get(key);
      if (seen) seen.count++;
      else byKey.set(key, { f, record, count: 1 });
    }
  }
  const flags = [...byKey.values()];
  if (session.length === 0 && flags.length === 0) {
    return <p class="muted" data-testid="security-clean">No security finding in the {records.length} recorded requests.</p>;
  }
  return (
    <section>
      <ul class="findings">
        {session.map(({ f, record, count }) => (
          <li class={`finding sev-${f.severity}`} data-testid="security-finding" data-id={f.id} data-request={String(record.id)}>
            <strong>{f.title}</strong> {f.risk}{' '}
            <button type="button" class="link" onClick={() => dispatch({ type: 'select', id: record.id })}>
              show request #{record.id}
            </button>
            {count > 1 ? <span class="muted"> (still true on {count - 1} later requests)</span> : null}
          </li>
        ))}
      </ul>
      {flags.length > 0 ? <h3>Cookie flags</h3> : null}
      {flags.map(({ f, record, count }) => (
        <div class="flag-finding">
          <button type="button" class="link" onClick={() => dispatch({ type: 'select', id: record.id })}>
            #{record.id}
            {count > 1 ? ` (+${count - 1} more)` : ''}
          </button>
          <Findings findings={[f]} />
        </div>
      ))}
    </section>
  );
}
