import { MIDDLEWARE_KINDS } from '../../../../protocol/src/payload.js';
import {
  COOKIE_HEADER_LIMIT,
  COOKIE_LIMIT,
  cookieBudget,
  cookieHeaderBudget,
  sizeSeries,
  budget,
} from '../../../core/size/budget.js';
import { analyze } from '../../state/analysis.js';
import { observationsFor } from '../../state/cookie-history.js';
import type { RequestRecord } from '../../state/types.js';
import { Gauge } from './Gauge.js';
import { Sparkline } from './Sparkline.js';

const HEADER = 'Cookie header (request)';
const SERVER = 'session data (JSON)';
/** Not a browser limit: a mark for "this session is getting big" on the server side. */
const SERVER_SESSION_MARK = 64 * 1024;

interface DroppedCookie {
  name: string;
  index: number;
  bytes: number;
}

/**
 * The silent failure, as observed: a response set a cookie over the limit and the next request
 * to a matching URL did not carry it (the engine's observed truth, core/cookies/observe.ts).
 */
function droppedCookies(all: readonly RequestRecord[], from: number, count: number): DroppedCookie[] {
  const out: DroppedCookie[] = [];
  for (let index = 0; index < count; index++) {
    const oversized = analyze(all[from + index]!, from + index).setCookies.filter(
      (c) => c.bytes > COOKIE_LIMIT,
    );
    if (oversized.length === 0) continue;
    for (const fact of observationsFor(all, from + index)) {
      const c = oversized.find((o) => o.name === fact.name && o.value === fact.value);
      if (c && fact.observed === 'not-kept') out.push({ name: c.name, index, bytes: c.bytes });
    }
  }
  return out;
}

/** History views look at the latest requests only: bounded work whatever the log holds. */
export const HISTORY_WINDOW = 500;

export function SizeView({
  records: all,
  selected,
}: {
  records: readonly RequestRecord[];
  selected: RequestRecord;
}) {
  const at = all.indexOf(selected);
  const from = Math.max(0, Math.min(at - HISTORY_WINDOW / 2, all.length - HISTORY_WINDOW));
  const records = all.slice(from, from + HISTORY_WINDOW);
  const selectedIndex = at - from;
  const samples = records.map((record, i) => {
    const index = from + i;
    const sizes = analyze(record, index)
      .setCookies.filter((c) => c.outcome !== 'deleted')
      .map((c) => ({ name: c.name, bytes: c.bytes }));
    if (record.cookieHeader !== null) sizes.push({ name: HEADER, bytes: record.cookieHeader.length });
    if (record.debug.state === 'decoded' && record.debug.payload.sizes.sessionAfter !== null) {
      sizes.push({ name: SERVER, bytes: record.debug.payload.sizes.sessionAfter });
    }
    return { index: i, time: record.time, sizes };
  });
  const limitOf = (name: string) =>
    name === HEADER ? COOKIE_HEADER_LIMIT : name === SERVER ? SERVER_SESSION_MARK : COOKIE_LIMIT;
  const series = sizeSeries(samples, limitOf);
  const current = samples[selectedIndex]?.sizes ?? [];
  const dropped = droppedCookies(all, from, records.length);
  return (
    <section>
      <h3>This request (#{selected.id})</h3>
      {current.length === 0 ? <p class="muted">No cookie set or sent on this request.</p> : null}
      {current.map((s) =>
        s.name === HEADER ? (
          <Gauge
            label={s.name}
            budget={cookieHeaderBudget(s.bytes)}
            note="nginx / Apache answer 400 past ~8 KB"
          />
        ) : s.name === SERVER ? (
          <Gauge
            label={s.name}
            budget={budget(s.bytes, SERVER_SESSION_MARK)}
            note={
              // Kinds whose data travels in the cookie (the protocol's kind registry; issue #9).
              selected.debug.state === 'decoded' &&
              MIDDLEWARE_KINDS[selected.debug.payload.middleware.kind].storage === 'cookie'
                ? `${selected.debug.payload.middleware.kind}: this session travels encoded in the cookie above`
                : 'kept server-side: no browser limit, but memory and store cost'
            }
          />
        ) : (
          <Gauge
            label={s.name}
            budget={cookieBudget(s.bytes)}
            note={s.bytes > COOKIE_LIMIT ? 'the browser will ignore this Set-Cookie' : undefined}
          />
        ),
      )}
      {dropped.map((d) => (
        <p class="finding sev-error" data-testid="size-dropped" data-name={d.name}>
          Request #{records[d.index]!.id} set <code>{d.name}</code> to {d.bytes} bytes; the browser dropped it
          and the next request still sent the old value. The session seems to "forget" everything from here
          on.
        </p>
      ))}
      <h3>
        History
        {all.length > records.length
          ? ` (requests #${records[0]!.id}–#${records.at(-1)!.id} of ${all.length})`
          : ''}
      </h3>
      <p class="muted">
        Each chart: bytes per request (up), request number (along); the dashed lines are the limit and 80 % of
        it; the large dot is the selected request.
      </p>
      {series.map((s) => {
        const here = s.points.find((p) => p.index === selectedIndex);
        const latestAt = s.points.at(-1)?.index;
        return (
          <div class="series" data-testid="size-series" data-name={s.name} data-worst={s.worst}>
            <code>{s.name}</code>{' '}
            <span data-testid="size-this">
              this request (#{selected.id}): {here ? `${here.bytes} bytes` : 'not set or sent'}
            </span>{' '}
            ·{' '}
            <span data-testid="size-latest">
              {latestAt === selectedIndex
                ? 'also the latest'
                : `latest (#${records[latestAt ?? 0]?.id}): ${s.latest.bytes} bytes`}
            </span>{' '}
            · worst {s.worst}
            <Sparkline
              series={s}
              limit={limitOf(s.name)}
              selectedIndex={selectedIndex}
              idOf={(i) => records[i]?.id}
            />
          </div>
        );
      })}
    </section>
  );
}
