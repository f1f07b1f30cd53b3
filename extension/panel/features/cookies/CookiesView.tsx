import { settledOutcome, type ObservedFact } from '../../../core/cookies/observe.js';
import type { SetCookie } from '../../../core/cookies/set-cookie.js';
import type { Analysis } from '../../state/analysis.js';
import { engineProfile, observationsFor } from '../../state/cookie-history.js';
import { payloadOf } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';
import { CardTable } from '../../app/CardTable.js';
import { DecodedCookies } from './DecodedCookies.js';
import { Findings } from './Findings.js';
import { Observations } from './Observations.js';
import { StoredCookies } from './StoredCookies.js';
import { Revealed } from '../../app/Revealed.js';
import { absolute, relative } from './time-text.js';

function expiryText(c: SetCookie, now: number): string {
  switch (c.expiry.kind) {
    case 'session':
      return 'browser session';
    case 'delete':
      return `deletes the cookie (${c.expiry.source})`;
    case 'persistent':
      return `${absolute(c.expiry.at)} (${relative(c.expiry.at, now)}, ${c.expiry.source}${c.expiry.capped ? ', capped at 400 days' : ''})`;
  }
}

const flag = (on: boolean | null) => (on === null ? '?' : on ? '✓' : '✗');

/** The verdict cell: the engine's outcome, or the observation where it says otherwise. */
function outcomeText(c: SetCookie, fact: ObservedFact | undefined): string {
  const settled = settledOutcome(c, fact);
  const label = engineProfile().label;
  if (fact && !fact.agrees) return settled === 'rejected' ? `not kept (observed)` : `kept (observed)`;
  if (settled === 'rejected') return `rejected by ${label}: ${c.reason?.code ?? ''}`;
  return settled === 'deleted' ? 'deletes the cookie' : `stored by ${label}`;
}

export function CookiesView({
  record,
  analysis,
  now,
  records,
  index,
}: {
  record: RequestRecord;
  analysis: Analysis;
  now: number;
  records: readonly RequestRecord[];
  index: number;
}) {
  const payload = payloadOf(record);
  const configured = payload?.cookie;
  const facts = index >= 0 ? observationsFor(records, index) : [];
  const factOf = (c: SetCookie) =>
    facts.find((f) => f.name === c.name && f.value === c.value && f.index === index);
  return (
    <section>
      <h3>Set-Cookie headers of this response ({analysis.setCookies.length})</h3>
      {analysis.setCookies.length === 0 ? <p class="muted">This response set no cookie.</p> : null}
      {analysis.setCookies.length > 0 ? (
        <CardTable
          class="cookies"
          testid="set-cookies"
          minWidth={720}
          rows={analysis.setCookies}
          rowAttrs={(c) => {
            const outcome = settledOutcome(c, factOf(c));
            return {
              'data-testid': 'set-cookie-row',
              'data-name': c.name,
              'data-outcome': outcome,
              'data-predicted': c.outcome,
              'data-expiry': outcome === 'rejected' ? 'none' : c.expiry.kind,
              'data-httponly': String(c.httpOnly),
              'data-priority': c.priority ?? '',
              class: outcome === 'rejected' ? 'cookie-rejected' : '',
            };
          }}
          columns={[
            {
              label: 'Name',
              cell: (c) => (
                <>
                  <code class="cookie-name">{c.name === '' ? '(nameless)' : <Revealed text={c.name} />}</code>
                  {c.name === analysis.sessionCookieName ? <span class="tag"> session</span> : null}
                </>
              ),
            },
            {
              label: 'Browser',
              cell: (c) => outcomeText(c, factOf(c)),
              attrs: (c) => ({
                'data-testid': 'cookie-outcome',
                title: factOf(c)?.message ?? c.reason?.message ?? '',
              }),
            },
            { label: 'Bytes', cell: (c) => c.bytes },
            {
              label: 'Expiry',
              cell: (c) => (settledOutcome(c, factOf(c)) === 'rejected' ? '—' : expiryText(c, now)),
            },
            { label: 'HttpOnly', cell: (c) => flag(c.httpOnly) },
            { label: 'Secure', cell: (c) => flag(c.secure) },
            { label: 'SameSite', cell: (c) => c.sameSite ?? '(default)' },
            { label: 'Path', cell: (c) => c.path ?? '(default)' },
            { label: 'Domain', cell: (c) => c.domain ?? '(host only)' },
            { label: 'Partitioned', cell: (c) => flag(c.partitioned) },
            { label: 'Priority', cell: (c) => c.priority ?? '(n/a)' },
          ]}
        />
      ) : null}
      <Findings findings={analysis.cookieFindings} />
      <h3>What the browser did (observed on later requests)</h3>
      <Observations facts={facts} records={records} />
      {configured ? (
        <>
          <h3>Session cookie as configured on the server</h3>
          <p data-testid="configured-cookie">
            <code>{configured.name}</code> · maxAge{' '}
            {configured.maxAge === null
              ? 'none (browser session)'
              : `${Math.round(configured.maxAge / 1000)} s`}{' '}
            · HttpOnly {String(configured.httpOnly)} · Secure {String(configured.secure)} · SameSite{' '}
            {String(configured.sameSite)} · Path {String(configured.path)}
            {configured.rolling !== null ? ` · rolling ${String(configured.rolling)}` : ''}
            {payload?.storeTtlMs != null ? ` · store TTL ${Math.round(payload.storeTtlMs / 1000)} s` : ''}
          </p>
        </>
      ) : null}
      <StoredCookies stored={record.storedCookies} setCookies={analysis.setCookies} />
      <h3>What the cookies carry (decoded in the panel)</h3>
      <DecodedCookies cookies={analysis.decodedCookies} now={now} />
    </section>
  );
}
