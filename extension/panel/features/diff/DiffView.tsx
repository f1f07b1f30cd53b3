import { diffSessions } from '../../../core/diff/diff.js';
import { cookieSessionDiff } from '../../../core/decoders/cookie-diff.js';
import { CookieDiff } from './CookieDiff.js';
import type { Analysis } from '../../state/analysis.js';
import { payloadOf, previousOfSameSession } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';
import { DiffList } from './DiffList.js';

const CHANGE_TEXT: Record<string, string> = {
  new: 'New session: none before this request.',
  regenerated: 'Session id regenerated: the old id is dead, the data moved to a new id.',
  destroyed: 'Session destroyed.',
  modified: 'Session data changed, same id.',
  unchanged: 'Session unchanged.',
  none: 'No session before or after.',
};

function shortId(id: string | null): string {
  return id === null ? '(none)' : id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

interface Props {
  record: RequestRecord;
  analysis: Analysis;
  records: readonly RequestRecord[];
  compareWith: RequestRecord | undefined;
}

export function DiffView({ record, analysis, records, compareWith }: Props) {
  const payload = payloadOf(record);
  if (!payload) {
    // Issue #9: a session stored in the cookie still gets a Diff, decoded from the cookies alone.
    const fromCookie = cookieSessionDiff(record.cookieHeader, analysis.setCookies, record.time);
    if (fromCookie) return <CookieDiff diff={fromCookie} />;
    return <p class="muted">No server-lib payload for this request: nothing to diff. See Cookies for what the browser holds.</p>;
  }
  const { session } = payload;
  const previous = previousOfSameSession(records, record);
  const other = compareWith ? payloadOf(compareWith) : null;
  return (
    <section>
      <p class={`change-badge c-${session.change}`} data-testid="change-badge" data-change={session.change}>
        <strong>{session.change}</strong> · {CHANGE_TEXT[session.change]}
        {session.idBefore !== session.idAfter ? (
          <span class="ids" data-testid="id-change">
            {' '}
            id {shortId(session.idBefore)} → {shortId(session.idAfter)}
          </span>
        ) : null}
      </p>
      {payload.errors.length > 0 ? (
        <ul class="server-errors" data-testid="server-errors">
          {payload.errors.map((e) => (
            <li>
              {e.code}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>What this request changed (before → after the handler)</h3>
      <DiffList entries={analysis.handlerDiff} testid="diff-handler" />
      {other && compareWith ? (
        <>
          <h3>
            Compared with request #{compareWith.id} ({compareWith.method} {compareWith.url})
          </h3>
          <DiffList entries={diffSessions(other.session.after, session.after)} testid="diff-compare" />
        </>
      ) : previous ? (
        <>
          <h3>Since the previous request of this session (#{previous.id})</h3>
          {(() => {
            const between = diffSessions(payloadOf(previous)!.session.after, session.before);
            return (
              <>
                <DiffList entries={between} testid="diff-previous" />
                {between.length > 0 ? (
                  <p class="muted">These changes happened outside this panel's view (another tab, a background job, the store).</p>
                ) : null}
              </>
            );
          })()}
        </>
      ) : (
        <p class="muted">Shift-click another request to compare any two.</p>
      )}
    </section>
  );
}
