import { deadCookieText, describeVerdict, refText } from '../../../core/causes/describe.js';
import type { RequestRef } from '../../../core/causes/types.js';
import { usePanel } from '../../app/context.js';
import { Revealed } from '../../app/Revealed.js';
import { explainAt } from '../../state/explain.js';
import { rowFindings } from '../../state/finding-index.js';
import { payloadOf } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';

const CHANGE_TEXT: Record<string, string> = {
  new: 'New session: none before this request.',
  regenerated: 'Session id regenerated.',
  destroyed: 'Session destroyed.',
  modified: 'Session data changed, same id.',
  unchanged: 'Session unchanged.',
  none: 'No session before or after.',
};

function shortId(id: string | null): string {
  return id === null ? '(none)' : id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

function GoTo({ to }: { to: RequestRef }) {
  const { dispatch } = usePanel();
  return (
    <button
      type="button"
      class="link"
      data-testid="cause-link"
      data-request={String(to.id)}
      onClick={() => dispatch({ type: 'select', id: to.id })}
    >
      show {refText(to)}
    </button>
  );
}

/**
 * The top of the Diff: what happened to the session at this request, in words, with its cause
 * and a link to the request that caused it; then this request's own findings, right where the
 * developer is looking (a repeat of an earlier finding is one line, not a new alarm).
 */
export function SessionStory({
  record,
  index,
  records,
}: {
  record: RequestRecord;
  index: number;
  records: readonly RequestRecord[];
}) {
  const payload = payloadOf(record);
  const explanation = explainAt(records, index);
  const text = explanation ? describeVerdict(explanation.verdict) : null;
  const { fresh, repeated } = rowFindings(records, index);
  const session = payload?.session;
  return (
    <>
      {session ? (
        <p class={`change-badge c-${session.change}`} data-testid="change-badge" data-change={session.change}>
          <strong>{session.change}</strong> ·{' '}
          {session.change === 'modified' && session.idBefore === null && session.idAfter === null
            ? // cookie-session, Flask: the session is the cookie, there is no id to keep.
              'Session data changed (the session travels in the cookie: no id).'
            : CHANGE_TEXT[session.change]}
          {session.idBefore !== session.idAfter ? (
            <span class="ids" data-testid="id-change">
              {' '}
              id {shortId(session.idBefore)} → {shortId(session.idAfter)}
            </span>
          ) : null}
        </p>
      ) : null}
      {text && explanation ? (
        <div
          class={`finding sev-${text.severity}`}
          data-testid="session-cause"
          data-verdict={explanation.verdict.kind}
          data-cause={explanation.verdict.kind === 'lost' ? explanation.verdict.cause.kind : ''}
          role={text.severity === 'error' ? 'alert' : undefined}
        >
          <strong>
            <Revealed text={text.headline} />
          </strong>{' '}
          <Revealed text={text.detail} /> {text.link ? <GoTo to={text.link} /> : null}
        </div>
      ) : null}
      {explanation?.deadCookie ? (
        <div class="finding sev-warning" data-testid="dead-cookie">
          {deadCookieText(explanation.deadCookie)} <GoTo to={explanation.deadCookie.destroyedAt} />
        </div>
      ) : null}
      {fresh.length > 0 ? (
        <ul class="findings" data-testid="inline-findings">
          {fresh
            .filter((f) => f.kind !== 'dead-cookie')
            .map((f) => (
              <li
                class={`finding sev-${f.severity}`}
                data-testid="inline-finding"
                data-key={f.key}
                data-kind={f.kind}
              >
                <span class="sev">{f.severity}</span> <strong>{f.title}</strong> {f.detail}{' '}
                {f.spec ? (
                  <a href={f.spec.url} target="_blank" rel="noreferrer noopener">
                    {f.spec.text}
                  </a>
                ) : null}
              </li>
            ))}
        </ul>
      ) : null}
      {repeated > 0 ? (
        <p class="muted" data-testid="repeated-findings">
          {repeated} finding{repeated === 1 ? '' : 's'} already shown on an earlier request (grouped in
          Security).
        </p>
      ) : null}
    </>
  );
}
