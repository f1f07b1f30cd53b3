import type { DecodedCookie } from '../../state/analysis.js';
import { usePanel } from '../../app/context.js';
import { CardTable } from '../../app/CardTable.js';
import { absolute, relative } from './time-text.js';
import { Revealed } from '../../app/Revealed.js';

function Details({ cookie, now }: { cookie: DecodedCookie; now: number }) {
  const { store } = usePanel();
  const d = cookie.decoding;
  if (!d.ok)
    return (
      <span class="muted" data-testid="decoder-failure" data-code={d.code}>
        {d.message} ({cookie.bytes} bytes)
      </span>
    );
  if (!('format' in d)) return null;
  switch (d.format) {
    case 'flask':
      return (
        <span>
          Flask session{d.compressed ? ' (zlib-compressed)' : ''}, {d.jsonBytes} bytes of JSON, signed{' '}
          <span data-testid="flask-signed-age">
            {d.signedAt.iso ?? '?'} ({relative(d.signedAt.epochSeconds * 1000, now)})
          </span>
          {d.permanent ? ', permanent' : ', browser-session'}. Signature present, not verifiable without the
          app's secret key.
        </span>
      );
    case 'cookie-session':
      return (
        <span>
          cookie-session data, {d.jsonBytes} bytes of JSON; signature in <code>{d.companion.cookieName}</code>
          {d.companion.present === false ? ' — missing!' : ''}. Readable by anyone with the cookie.
        </span>
      );
    case 'cookie-session-signature':
      return (
        <span>
          Signature of <code>{d.companion.cookieName}</code> (cookie-session keygrip HMAC).
        </span>
      );
    case 'express-session':
      return (
        <span>
          express-session id <code>{d.sessionId.slice(0, 16)}…</code>:{' '}
          {store.kid.value === null
            ? d.note
            : "the session's data lives in the server's store; with the panel paired, the Diff and Session tabs show it for requests that carry a server-lib payload."}
        </span>
      );
    case 'jwt':
      return (
        <span>
          JWT alg <code>{d.algorithm}</code>
          {d.unsecured ? <strong class="sev-error"> (alg none: unsigned, anyone can forge it)</strong> : null}
          {d.times.exp
            ? ` · exp ${d.times.exp.iso ?? '?'} (${relative(d.times.exp.epochSeconds * 1000, now)})`
            : ' · no exp'}
          {d.times.iat ? ` · iat ${d.times.iat.iso ?? '?'}` : ''}
          {d.expired ? ' · expired' : ''}
        </span>
      );
    case 'unknown':
      return d.nearMisses.length > 0 ? (
        <span class="muted" data-testid="decoder-failure" data-code={d.nearMisses[0]!.code}>
          Looks like {d.nearMisses[0]!.format}, but {d.nearMisses[0]!.message} ({cookie.bytes} bytes)
        </span>
      ) : (
        <span class="muted">Opaque value.</span>
      );
  }
}

/** What each cookie carries, decoded without the server (Flask, cookie-session, express-session ids, JWT). */
export function DecodedCookies({ cookies, now }: { cookies: readonly DecodedCookie[]; now: number }) {
  if (cookies.length === 0) return null;
  return (
    <CardTable
      class="decoded"
      testid="decoded-cookies"
      minWidth={560}
      rows={cookies}
      rowAttrs={(c) => ({
        'data-testid': 'decoded-cookie',
        'data-name': c.name,
        'data-format': c.decoding.ok && 'format' in c.decoding ? c.decoding.format : 'error',
      })}
      columns={[
        {
          label: 'Cookie',
          cell: (c) => (
            <code class="cookie-name">
              <Revealed text={c.name} />
            </code>
          ),
        },
        { label: 'From', cell: (c) => (c.source === 'set-cookie' ? 'Set-Cookie' : 'Cookie header') },
        {
          label: 'Format',
          cell: (c) => (c.decoding.ok && 'format' in c.decoding ? c.decoding.format : 'error'),
        },
        { label: 'What it carries', cell: (c) => <Details cookie={c} now={now} /> },
      ]}
    />
  );
}
