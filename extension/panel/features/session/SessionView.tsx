import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { tagOf, type TypedValue } from '../../../../protocol/src/typed-value.js';
import { childrenOf } from '../../../core/values/children.js';
import { count } from '../../../core/values/cut-text.js';
import { searchTree, trailLabels, type Hit, type Trail } from '../../../core/values/search.js';
import type { RequestRecord } from '../../state/types.js';
import type { Analysis } from '../../state/analysis.js';
import { decoderLimitOf } from '../../../core/decoders/limits.js';
import { Revealed } from '../../app/Revealed.js';
import { Level, OPEN_BELOW, TypedNode, type Picked, type TreeContext } from './TypedNode.js';

/** Search results listed at first (all are counted; the tree marks every kept hit). */
const RESULTS_SHOWN = 50;

/** A trail as text: `… (99,990 levels) › x › x`, the last few labels only. */
function trailText(trail: Trail | null, last?: string): string {
  const { labels, hidden } = trailLabels(trail, 8);
  const all = last === undefined ? labels : [...labels, last];
  return `${hidden > 0 ? `… (${count(hidden)} levels) › ` : ''}${all.join(' › ') || '(top)'}`;
}

function SearchResults({
  hits,
  total,
  stopped,
  nodes,
  onPick,
}: {
  hits: Hit[];
  total: number;
  stopped: boolean;
  nodes: number;
  onPick: (hit: Hit) => void;
}) {
  const [shown, setShown] = useState(RESULTS_SHOWN);
  return (
    <div class="search-results" data-testid="search-results" data-total={total}>
      <p class="muted" data-testid="search-summary">
        {total === 0 ? 'No match' : `${count(total)} match${total === 1 ? '' : 'es'}`}
        {hits.length < total ? ` (the first ${count(hits.length)} are listed and marked)` : ''}
        {stopped
          ? ` · search stopped after ${count(nodes)} nodes: the rest of the session was not searched`
          : ''}
      </p>
      <ul>
        {hits.slice(0, shown).map((hit) => (
          <li>
            <button type="button" class="link" data-testid="search-hit" onClick={() => onPick(hit)}>
              <Revealed text={trailText(hit.trail, hit.label)} />
            </button>
          </li>
        ))}
        {hits.length > shown ? (
          <li>
            <button type="button" data-testid="search-more" onClick={() => setShown(shown + RESULTS_SHOWN)}>
              Show {count(Math.min(RESULTS_SHOWN, hits.length - shown))} more ({count(hits.length - shown)}{' '}
              not listed)
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** Typing settles before a search runs: a 1,000,000-item session is searched once, not per key. */
function useSettled(text: string, ms: number): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return text === '' ? '' : settled;
}

export function SessionTree({ value, label }: { value: TypedValue | null; label: string }) {
  const [query, setQuery] = useState('');
  const [focused, setFocused] = useState<{
    of: TypedValue | null;
    value: TypedValue;
    trail: Trail;
    n: number;
  } | null>(null);
  const [picked, setPicked] = useState<(Picked & { of: TypedValue | null }) | null>(null);
  const serial = useRef(0);
  // A focus (and a picked hit) belongs to the session it was taken in: another request (or side) starts at the top.
  const focus = focused !== null && focused.of === value ? focused : null;
  const setFocus = (f: { value: TypedValue; trail: Trail } | null) =>
    setFocused(f === null ? null : { of: value, ...f, n: ++serial.current });
  const settled = useSettled(query, 150);
  const root = focus?.value ?? value;
  // Searches the whole session (not only the part in view): hits elsewhere stay listed.
  const search = useMemo(
    () => (value === null || settled.trim() === '' ? null : searchTree(value, settled)),
    [value, settled],
  );
  if (value === null || root === null)
    return (
      <p class="muted" data-testid="session-tree">
        No session {label}.
      </p>
    );
  const ctx: TreeContext = {
    search,
    picked: picked !== null && picked.of === value ? picked : null,
    focus: (v, trail) => setFocus({ value: v, trail }),
  };
  const keyed =
    root !== null && typeof root === 'object' && !Array.isArray(root) && tagOf(root) === undefined;
  const size = childrenOf(root)?.size ?? 0;
  return (
    <div data-testid="session-tree">
      <input
        type="search"
        data-testid="session-search"
        placeholder="Search keys and values"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {focus ? (
        <p class="focus-trail" data-testid="tree-focus">
          Showing <Revealed text={trailText(focus.trail)} />{' '}
          <button type="button" class="link" data-testid="tree-focus-top" onClick={() => setFocus(null)}>
            back to the top
          </button>
        </p>
      ) : null}
      {search ? (
        <SearchResults
          key={settled}
          hits={search.hits}
          total={search.total}
          stopped={search.stopped}
          nodes={search.nodes}
          onPick={(hit) => {
            if (hit.container !== null && hit.trail !== null)
              setFocus({ value: hit.container, trail: hit.trail });
            else setFocus(null);
            setPicked({ of: value, container: hit.container, index: hit.index });
          }}
        />
      ) : null}
      {keyed || focus ? (
        <Level
          key={focus ? `focus-${focus.n}` : 'top'}
          container={root}
          trail={focus?.trail ?? null}
          depth={0}
          ctx={ctx}
          {...(size <= OPEN_BELOW ? {} : { open: false })}
        />
      ) : (
        <ul class="tree">
          <TypedNode
            name="(session)"
            value={root}
            depth={0}
            parent={null}
            index={-1}
            trail={null}
            ctx={ctx}
          />
        </ul>
      )}
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
  // A cookie a decoder's bound stopped (too large, inflates too far, nested too deep): say so,
  // with its size and the bound, instead of "No session data" (issue 13.6).
  for (const d of analysis.decodedCookies) {
    const limit = decoderLimitOf(d.decoding);
    if (limit === null) continue;
    return (
      <p class="notice" data-testid="decoder-limit" data-code={limit.code}>
        The cookie{' '}
        <code>
          <Revealed text={d.name} />
        </code>{' '}
        ({count(d.bytes)} bytes{limit.format ? `, looks like ${limit.format}` : ''}) was not decoded:{' '}
        {limit.message}
      </p>
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
