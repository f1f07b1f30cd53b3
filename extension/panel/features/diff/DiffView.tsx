import { cookieSessionDiff } from '../../../core/decoders/cookie-diff.js';
import { CookieDiff } from './CookieDiff.js';
import type { Analysis } from '../../state/analysis.js';
import { diffBetween } from '../../state/diff-cache.js';
import { payloadOf } from '../../state/selectors.js';
import { sincePreviousAt } from '../../state/since-previous.js';
import type { RequestRecord } from '../../state/types.js';
import { DiffList } from './DiffList.js';
import { SessionStory } from './SessionStory.js';

interface Props {
  record: RequestRecord;
  index: number;
  analysis: Analysis;
  records: readonly RequestRecord[];
  compareWith: { record: RequestRecord; index: number } | undefined;
}

/** Any two requests, always older → newer, whichever was clicked first. */
function Compare({
  a,
  b,
}: {
  a: { record: RequestRecord; index: number };
  b: { record: RequestRecord; index: number };
}) {
  const [older, newer] = a.index < b.index ? [a.record, b.record] : [b.record, a.record];
  const from = payloadOf(older);
  const to = payloadOf(newer);
  return (
    <>
      <h3 data-testid="compare-title" data-older={String(older.id)} data-newer={String(newer.id)}>
        Compared: #{older.id} {older.method} → #{newer.id} {newer.method} (session after each)
      </h3>
      {from && to ? (
        <DiffList entries={diffBetween(from.session.after, to.session.after)} testid="diff-compare" />
      ) : (
        <p class="muted">Both requests need a server-lib payload to compare.</p>
      )}
    </>
  );
}

/** Between the last sighting of this session and this request: what changed while the panel was not looking, or what was lost. */
function SincePreviousDiff({ records, index }: { records: readonly RequestRecord[]; index: number }) {
  const since = sincePreviousAt(records, index);
  if (!since) return <p class="muted">Shift-click another request to compare any two.</p>;
  return (
    <>
      <h3>
        {since.kind === 'lost' ? 'Lost' : 'Changed'} since the previous request of this session (#
        {since.since.id})
      </h3>
      <DiffList entries={since.entries} testid="diff-previous" />
    </>
  );
}

/** Issue #9: a session stored in the cookie still gets a Diff, decoded from the cookies alone. */
function CookieOnly({ record, analysis }: { record: RequestRecord; analysis: Analysis }) {
  const fromCookie = cookieSessionDiff(record.cookieHeader, analysis.setCookies, record.time);
  if (fromCookie) return <CookieDiff diff={fromCookie} />;
  return (
    <p class="muted" data-testid="no-payload">
      No server-lib payload for this request: nothing to diff. See Cookies for what the browser holds.
    </p>
  );
}

/**
 * The Diff view, a column of sections: the session's story (cause, findings), the handler's
 * before → after, then since-previous or compare. A feature that adds a diff (e.g. cookie-only
 * sessions decoded without server-lib) adds a section here.
 */
export function DiffView({ record, index, analysis, records, compareWith }: Props) {
  const payload = payloadOf(record);
  return (
    <section class="diff-view">
      <SessionStory record={record} index={index} records={records} />
      {payload ? (
        <>
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
        </>
      ) : (
        <CookieOnly record={record} analysis={analysis} />
      )}
      {compareWith ? (
        <Compare a={{ record, index }} b={compareWith} />
      ) : (
        <SincePreviousDiff records={records} index={index} />
      )}
    </section>
  );
}
