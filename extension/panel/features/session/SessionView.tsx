import { useState } from 'preact/hooks';
import type { TypedValue } from '../../../../protocol/src/typed-value.js';
import type { RequestRecord } from '../../state/types.js';
import type { Analysis } from '../../state/analysis.js';
import { TypedNode } from './TypedNode.js';

export function SessionTree({ value, label }: { value: TypedValue | null; label: string }) {
  const [query, setQuery] = useState('');
  if (value === null) return <p class="muted" data-testid="session-tree">No session {label}.</p>;
  const top = value !== null && typeof value === 'object' && !Array.isArray(value) && !('$ss' in value) ? Object.entries(value) : [['(session)', value] as [string, TypedValue]];
  return (
    <div data-testid="session-tree">
      <input type="search" data-testid="session-search" placeholder="Search keys and values" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      <ul class="tree">
        {top.map(([name, v]) => (
          <TypedNode name={name} value={v} depth={0} query={query.trim().toLowerCase()} />
        ))}
      </ul>
    </div>
  );
}

export function SessionView({ record, analysis }: { record: RequestRecord; analysis: Analysis }) {
  if (record.debug.state === 'decoded') {
    const { payload } = record.debug;
    return (
      <section>
        <p class="muted">
          Session after {payload.request.method} {payload.request.url} · {payload.middleware.kind}
          {payload.middleware.store ? ` (${payload.middleware.store})` : ''} · {payload.sizes.sessionAfter ?? 0} bytes serialized
          {payload.truncated ? ' · some values truncated by the server' : ''}
          {payload.redacted.length > 0 ? ` · redacted: ${payload.redacted.join(', ')}` : ''}
        </p>
        <SessionTree value={payload.session.after} label="after this request" />
      </section>
    );
  }
  if (analysis.clientSession) {
    return (
      <section>
        <p class="muted" data-testid="client-session-note">
          Decoded from the {analysis.clientSession.format} cookie <code>{analysis.clientSession.cookieName}</code> without server-lib: what the browser
          holds, readable by anyone who has the cookie.
        </p>
        <SessionTree value={analysis.clientSession.data} label="in the cookie" />
      </section>
    );
  }
  return (
    <p class="muted" data-testid="session-tree">
      {analysis.decodedCookies.some((d) => d.decoding.ok && 'format' in d.decoding && d.decoding.format === 'express-session')
        ? 'This app keeps the session server-side (express-session): the cookie only carries its id. Install server-lib and pair to see the data.'
        : 'No session data for this request.'}
    </p>
  );
}
