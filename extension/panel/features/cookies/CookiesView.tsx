import { settledOutcome, type ObservedFact } from '../../../core/cookies/observe.js';
import type { SetCookie } from '../../../core/cookies/set-cookie.js';
import type { Analysis } from '../../state/analysis.js';
import { engineProfile, observationsFor } from '../../state/cookie-history.js';
import { payloadOf } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';
import { DecodedCookies } from './DecodedCookies.js';
import { Findings } from './Findings.js';
import { Observations } from './Observations.js';
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
      <table class="cookies" data-testid="set-cookies">
        <thead>
          <tr>
            <th>Name</th>
            <th>Browser</th>
            <th>Bytes</th>
            <th>Expiry</th>
            <th>HttpOnly</th>
            <th>Secure</th>
            <th>SameSite</th>
            <th>Path</th>
            <th>Domain</th>
            <th>Partitioned</th>
            <th>Priority</th>
          </tr>
        </thead>
        <tbody>
          {analysis.setCookies.map((c) => {
            const fact = factOf(c);
            const outcome = settledOutcome(c, fact);
            return (
              <tr
                data-testid="set-cookie-row"
                data-name={c.name}
                data-outcome={outcome}
                data-predicted={c.outcome}
                data-expiry={outcome === 'rejected' ? 'none' : c.expiry.kind}
                data-httponly={String(c.httpOnly)}
                data-priority={c.priority ?? ''}
                class={outcome === 'rejected' ? 'cookie-rejected' : ''}
              >
                <td>
                  <code>{c.name === '' ? '(nameless)' : <Revealed text={c.name} />}</code>
                  {c.name === analysis.sessionCookieName ? <span class="tag"> session</span> : null}
                </td>
                <td data-testid="cookie-outcome" title={fact?.message ?? c.reason?.message ?? ''}>
                  {outcomeText(c, fact)}
                </td>
                <td>{c.bytes}</td>
                <td>{outcome === 'rejected' ? '—' : expiryText(c, now)}</td>
                <td>{flag(c.httpOnly)}</td>
                <td>{flag(c.secure)}</td>
                <td>{c.sameSite ?? '(default)'}</td>
                <td>{c.path ?? '(default)'}</td>
                <td>{c.domain ?? '(host only)'}</td>
                <td>{flag(c.partitioned)}</td>
                <td>{c.priority ?? '(n/a)'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
      {record.storedCookies.length > 0 ? (
        <>
          <h3>What DevTools parsed from this response (stored or not)</h3>
          <ul data-testid="stored-cookies">
            {record.storedCookies.map((s) => (
              <li>
                <code>{s.name}</code> HttpOnly {flag(s.httpOnly)} · Secure {flag(s.secure)} · SameSite{' '}
                {s.sameSite ?? '(none)'} · expires {s.expires ?? 'at end of browser session'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>What the cookies carry (decoded in the panel)</h3>
      <DecodedCookies cookies={analysis.decodedCookies} now={now} />
    </section>
  );
}
