import { useState } from 'preact/hooks';
import type { TypedValue } from '../../../../protocol/src/typed-value.js';
import type { RequestRecord } from '../../state/types.js';
import type { Analysis } from '../../state/analysis.js';
import { OPEN_BELOW, TypedNode } from './TypedNode.js';

/** Top-level keys rendered (the rest are counted): the tree is not virtualized yet. */
const TOP_SHOWN = 500;

export function SessionTree({ value, label }: { value: TypedValue | null; label: string }) {
  const [query, setQuery] = useState('');
  const [all, setAll] = useState(false);
  if (value === null)
    return (
      <p class="muted" data-testid="session-tree">
        No session {label}.
      </p>
    );
  const top =
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('$ss' in value)
      ? Object.entries(value)
      : [['(session)', value] as [string, TypedValue]];
  return (
    <div data-testid="session-tree">
      <input
        type="search"
        data-testid="session-search"
        placeholder="Search keys and values"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <ul class="tree">
        {(all ? top : top.slice(0, TOP_SHOWN)).map(([name, v]) => (
          <TypedNode
            name={name}
            value={v}
            depth={0}
            query={query.trim().toLowerCase()}
            open={top.length <= OPEN_BELOW ? undefined : false}
          />
        ))}
        {!all && top.length > TOP_SHOWN ? (
          <li class="more">
            <button type="button" data-testid="session-show-all" onClick={() => setAll(true)}>
              Show all {top.length} keys ({top.length - TOP_SHOWN} more)
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

type Side = 'before' | 'after';

/** Before and after the handler, one at a time (a session can be large): after by default. */
function BeforeAfter({ before, after }: { before: TypedValue | null; after: TypedValue | null }) {
  const [side, setSide] = useState<Side>('after');
  return (
    <div data-testid="session-sides" data-side={side}>
      <div class="segmented" role="radiogroup" aria-label="Session side">
        {(['before', 'after'] as const).map((s) => (
          <button
            type="button"
            role="radio"
            aria-checked={side === s ? 'true' : 'false'}
            data-testid={`session-${s}`}
            class={side === s ? 'active' : ''}
            onClick={() => setSide(s)}
          >
            {s === 'before' ? 'Before the handler' : 'After the handler'}
          </button>
        ))}
      </div>
      <SessionTree
        key={side}
        value={side === 'before' ? before : after}
        label={side === 'before' ? 'before this request' : 'after this request'}
      />
    </div>
  );
}

export function SessionView({
  record,
  analysis,
  paired,
}: {
  record: RequestRecord;
  analysis: Analysis;
  paired: boolean;
}) {
  if (record.debug.state === 'decoded') {
    const { payload } = record.debug;
    return (
      <section>
        <p class="muted">
          {payload.request.method} {payload.request.url} · {payload.middleware.kind}
          {payload.middleware.store ? ` (${payload.middleware.store})` : ''} ·{' '}
          {payload.sizes.sessionBefore ?? 0} → {payload.sizes.sessionAfter ?? 0} bytes serialized
          {payload.truncated ? ' · some values truncated by the server' : ''}
          {payload.redacted.length > 0 ? ` · redacted: ${payload.redacted.join(', ')}` : ''}
        </p>
        <BeforeAfter before={payload.session.before} after={payload.session.after} />
      </section>
    );
  }
  if (analysis.clientSession) {
    return (
      <section>
        <p class="muted" data-testid="client-session-note">
          Decoded from the {analysis.clientSession.format} cookie{' '}
          <code>{analysis.clientSession.cookieName}</code> without server-lib: what the browser holds,
          readable by anyone who has the cookie.
        </p>
        <SessionTree value={analysis.clientSession.data} label="in the cookie" />
      </section>
    );
  }
  const serverSide = analysis.decodedCookies.some(
    (d) => d.decoding.ok && 'format' in d.decoding && d.decoding.format === 'express-session',
  );
  return (
    <p class="muted" data-testid="session-tree">
      {!serverSide
        ? 'No session data for this request.'
        : paired
          ? 'This app keeps the session server-side (express-session): the cookie only carries its id, and this request came without a server-lib payload.'
          : 'This app keeps the session server-side (express-session): the cookie only carries its id. Install server-lib and pair to see the data.'}
    </p>
  );
}
