import { useRef, useState } from 'preact/hooks';
import { timeTicks } from '../../../core/timeline/axis.js';
import { buildTimeline, type CookieRow, type Segment, type StoreRow } from '../../../core/timeline/model.js';
import { sessionLanes, type SessionLane } from '../../../core/timeline/sessions.js';
import { useSize } from '../../app/useSize.js';
import { hueOf, payloadOf } from '../../state/selectors.js';
import type { RequestRecord } from '../../state/types.js';
import { absolute, relative } from '../cookies/time-text.js';
import { timelineInputs } from './inputs.js';

/**
 * Drawn at the pane's own pixel width (no viewBox scaling), so every label is 11 px on screen
 * in any dock; each lane's label sits above its bar, so a narrow pane keeps the whole width for time.
 */
const PAD = 8;
const HEAD = 16;
const ROW = 40;
const AXIS = 24;
/** Room one axis label needs (`11:27:55` at 11 px, with a gap). */
const TICK_ROOM = 76;
/** Session lanes drawn at most; older ones are counted in a note. */
const MAX_LANES = 8;

type Scale = 'requests' | 'expiry';

const WINDOW = 500;

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/** Renewal in words: "rolling" only when the server says the cookie rolls. */
function renewalText(s: Segment): string {
  if (!s.renewed) return '';
  if (s.rolling === true) return ' · rolling renewal moved the expiry later';
  if (s.rolling === false)
    return ' · re-sent with a later expiry (rolling is off: the app re-sends the cookie when the session changes)';
  return ' · re-sent with a later expiry';
}

export function TimelineView({
  records: all,
  selected,
  now,
}: {
  records: readonly RequestRecord[];
  selected: RequestRecord;
  now: number;
}) {
  const [scale, setScale] = useState<Scale>('requests');
  const box = useRef<HTMLDivElement>(null);
  const W = Math.max(280, Math.floor(useSize(box, { width: 900, height: 300 }).width));
  // Bounded work on long logs: the latest WINDOW requests up to the selected one.
  const at = all.indexOf(selected);
  const from = Math.max(0, Math.max(at + 1, Math.min(all.length, WINDOW)) - WINDOW);
  const records = all.slice(from, Math.max(at + 1, Math.min(all.length, WINDOW)));
  const timeline = buildTimeline(timelineInputs(records, all, from), now);
  const allLanes = sessionLanes(
    records.flatMap((r, index) => {
      const session = payloadOf(r)?.session;
      return session ? [{ index, time: r.time, idBefore: session.idBefore, idAfter: session.idAfter }] : [];
    }),
  );
  const lanes = allLanes.slice(-MAX_LANES);
  if (timeline.rows.length === 0 && lanes.length === 0)
    return <p class="muted">No cookie was set in the recorded requests.</p>;
  const firstTick = Math.min(now, ...records.map((r) => r.time));
  const lastTick = Math.max(now, ...records.map((r) => r.time));
  // "requests": the span of the recorded requests plus a margin, expiries beyond it marked at the edge.
  const span = Math.max(lastTick - firstTick, 60_000);
  const start = scale === 'requests' ? firstTick - span * 0.05 : timeline.start;
  const end =
    scale === 'requests' ? lastTick + span * 0.4 : timeline.end + (timeline.end - timeline.start) * 0.02;
  const x = (t: number) =>
    PAD + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * (W - 2 * PAD);
  const rowCount = lanes.length + timeline.rows.length;
  const bottom = HEAD + rowCount * ROW;
  const height = bottom + AXIS;
  const selectedIndex = records.indexOf(selected);
  const segments = timeline.rows.flatMap((r) => (r.kind === 'cookie' ? r.segments : []));
  const rolling = segments.some((s) => s.renewed && s.rolling === true);
  const notRolling = segments.some((s) => s.renewed && s.rolling === false);
  const unknown = segments.some((s) => s.renewed && s.rolling === null);
  const axis = timeTicks(start, end, (W - 2 * PAD) / TICK_ROOM, new Date(start).getTimezoneOffset());

  function laneRow(lane: SessionLane, i: number) {
    const y = HEAD + i * ROW;
    const colour = `hsl(${hueOf(lane.id)} 70% 45%)`;
    const began = lane.began === 'seen' ? '' : lane.began === 'new' ? 'new' : 'from a regenerate';
    const ended = lane.ended === 'open' ? '' : lane.ended === 'destroyed' ? 'destroyed' : 'regenerated';
    const words = [began, ended].filter(Boolean).join(' → ');
    return (
      <g data-testid="timeline-lane" data-id={lane.id} data-began={lane.began} data-ended={lane.ended}>
        <text x={PAD} y={y + 11} class="row-label">
          session {shortId(lane.id)}
          {words ? ` (${words})` : ''}
        </text>
        <rect
          x={x(lane.from)}
          y={y + 17}
          width={Math.max(3, x(lane.to) - x(lane.from))}
          height={10}
          rx={2}
          style={{ fill: colour }}
        >
          <title>
            session {lane.id}: first seen {absolute(lane.from)}, last {absolute(lane.to)}
            {words ? ` (${words})` : ''}
          </title>
        </rect>
        {lane.ended === 'destroyed' ? (
          <text x={x(lane.to) + 3} y={y + 27} class="row-label">
            ×
          </text>
        ) : null}
        {lane.requests.map((r) => (
          <line
            class={`tick${r.index === selectedIndex ? ' tick-sel' : ''}`}
            x1={x(r.time)}
            x2={x(r.time)}
            y1={y + 29}
            y2={y + 35}
          >
            <title>request #{records[r.index]?.id}</title>
          </line>
        ))}
      </g>
    );
  }

  function cookieRow(row: CookieRow, i: number) {
    const y = HEAD + i * ROW;
    return (
      <g
        data-testid="timeline-row"
        data-name={row.name}
        data-kind="cookie"
        data-segments={String(row.segments.length)}
      >
        <text x={PAD} y={y + 11} class="row-label">
          cookie {row.name}
          {row.isSessionCookie ? ' (session cookie)' : ''}
        </text>
        {row.segments.map((s) => {
          const until = s.until ?? end;
          const over = s.until !== null && s.until > end;
          const renewedClass = s.renewed ? (s.rolling === true ? ' seg-renewed' : ' seg-resent') : '';
          return (
            <g
              data-testid="timeline-segment"
              data-kind={s.kind}
              data-until={s.until === null ? '' : String(s.until)}
              data-renewed={String(s.renewed)}
              data-rolling={String(s.rolling)}
              data-end={s.end}
            >
              <rect
                x={x(s.from)}
                y={y + 15}
                width={Math.max(2, x(until) - x(s.from))}
                height={14}
                class={`seg seg-${s.kind}${s.end !== 'live' ? ' seg-old' : ''}${renewedClass}`}
              >
                <title>
                  set {absolute(s.from)} by request #{records[s.setBy]?.id} ·{' '}
                  {s.until === null
                    ? 'browser-session cookie: lives until the browser closes'
                    : `expires ${absolute(s.until)} (${relative(s.until, now)})`}
                  {renewalText(s)} · {s.end}
                </title>
              </rect>
              {s.until !== null && !over ? (
                <line class="expiry-mark" x1={x(s.until)} x2={x(s.until)} y1={y + 12} y2={y + 32} />
              ) : null}
              {over && s.end === 'live' ? (
                <text x={W - PAD} y={y + 11} class="edge-label" text-anchor="end">
                  expires {relative(s.until!, now)} →
                </text>
              ) : null}
            </g>
          );
        })}
        {row.ticks.map((t) => (
          <line
            class={`tick${t.set ? ' tick-set' : ''}${t.index === selectedIndex ? ' tick-sel' : ''}`}
            x1={x(t.time)}
            x2={x(t.time)}
            y1={y + 30}
            y2={y + 36}
          >
            <title>
              request #{records[t.index]?.id} {absolute(t.time)} {t.set ? '(set the cookie)' : '(sent it)'}
            </title>
          </line>
        ))}
      </g>
    );
  }

  function pointRow(row: StoreRow, i: number) {
    const y = HEAD + i * ROW;
    return (
      <g data-testid="timeline-row" data-name={row.name} data-kind={row.kind}>
        <text x={PAD} y={y + 11} class="row-label">
          {row.name}
        </text>
        {row.points.map((p) => (
          <g data-testid="timeline-point" data-expires={String(p.expiresAt)}>
            <line class="store-link" x1={x(p.time)} x2={x(p.expiresAt)} y1={y + 22} y2={y + 22} />
            <circle class="store-point" cx={x(p.expiresAt)} cy={y + 22} r={3.5}>
              <title>
                as of request #{records[p.index]?.id}: expires {absolute(p.expiresAt)} (
                {relative(p.expiresAt, now)})
              </title>
            </circle>
          </g>
        ))}
      </g>
    );
  }

  const selX = selectedIndex >= 0 ? x(selected.time) : null;
  const nowX = x(now);
  // Two labels in one header line: when the marks are close, "#N" goes left of its line, "now" right.
  const close = selX !== null && Math.abs(selX - nowX) < 48;
  return (
    <section>
      <div class="timeline-controls">
        <label>
          <input
            type="radio"
            name="scale"
            checked={scale === 'requests'}
            onChange={() => setScale('requests')}
          />{' '}
          Zoom to requests
        </label>
        <label>
          <input type="radio" name="scale" checked={scale === 'expiry'} onChange={() => setScale('expiry')} />{' '}
          Whole lifetime
        </label>
        <span class="legend" data-testid="timeline-legend">
          <span class="seg-session sw" /> browser-session <span class="seg-persistent sw" /> persistent
          {rolling ? (
            <>
              <span class="seg-renewed sw" /> renewed (rolling)
            </>
          ) : null}
          {notRolling || unknown ? (
            <>
              <span class="seg-resent sw" /> re-sent, later expiry
              {notRolling && !unknown ? ' (not rolling)' : ''}
            </>
          ) : null}
          <span class="sel-sw sw" /> #{selected.id} (selected)
        </span>
      </div>
      {all.length > records.length ? (
        <p class="muted">
          Requests #{records[0]!.id}–#{records.at(-1)!.id} of {all.length}.
        </p>
      ) : null}
      {allLanes.length > lanes.length ? (
        <p class="muted">{allLanes.length - lanes.length} earlier session ids not drawn.</p>
      ) : null}
      <div ref={box} class="timeline-box">
        <svg
          class="timeline"
          data-testid="timeline"
          width={W}
          height={height}
          viewBox={`0 0 ${W} ${height}`}
          role="img"
          aria-label={`Timeline of ${lanes.length} session ids and ${timeline.rows.length} cookie and expiry rows, ${axis.ticks[0]?.label ?? ''} to ${axis.ticks.at(-1)?.label ?? ''}`}
        >
          <g data-testid="timeline-axis" class="axis">
            <line x1={PAD} x2={W - PAD} y1={bottom + 2} y2={bottom + 2} class="axis-line" />
            {axis.ticks.map((t) => (
              <g data-testid="axis-tick" data-time={String(t.time)}>
                <line x1={x(t.time)} x2={x(t.time)} y1={HEAD} y2={bottom + 6} class="grid" />
                <text
                  x={x(t.time)}
                  y={bottom + 18}
                  class="axis-label"
                  // A label at either edge stays inside the chart.
                  text-anchor={x(t.time) < 30 ? 'start' : x(t.time) > W - 30 ? 'end' : 'middle'}
                >
                  {t.label}
                </text>
              </g>
            ))}
          </g>
          {lanes.map((lane, i) => laneRow(lane, i))}
          {timeline.rows.map((row, i) =>
            row.kind === 'cookie' ? cookieRow(row, lanes.length + i) : pointRow(row, lanes.length + i),
          )}
          <line class="now" data-testid="timeline-now" x1={nowX} x2={nowX} y1={HEAD - 4} y2={bottom}>
            <title>now {absolute(now)}</title>
          </line>
          <text
            x={close ? nowX + 3 : nowX}
            y={11}
            class="now-label"
            text-anchor={nowX > W - 40 ? 'end' : close ? 'start' : 'middle'}
          >
            now
          </text>
          {selX !== null ? (
            <g data-testid="timeline-selected" data-id={String(selected.id)}>
              <line class="sel-mark" x1={selX} x2={selX} y1={HEAD - 4} y2={bottom}>
                <title>
                  selected request #{selected.id} {absolute(selected.time)}
                </title>
              </line>
              <text
                x={close ? selX - 3 : selX}
                y={11}
                class="sel-label"
                text-anchor={close || selX > W - 30 ? 'end' : selX < 30 ? 'start' : 'middle'}
              >
                #{selected.id}
              </text>
            </g>
          ) : null}
        </svg>
      </div>
      {timeline.drift ? (
        <p
          data-testid="timeline-drift"
          class={Math.abs(timeline.drift.ms) > 60_000 ? 'finding sev-warning' : 'muted'}
        >
          Store TTL vs cookie expiry at request #{records[timeline.drift.index]?.id}:{' '}
          {Math.abs(timeline.drift.ms) < 1000
            ? // Expires has 1-second resolution: a sub-second gap is rounding, not drift ("0 s after" said otherwise).
              'aligned.'
            : timeline.drift.ms < 0
              ? `the server forgets the session ${Math.round(-timeline.drift.ms / 1000)} s before the cookie expires: users look logged in, then are not.`
              : `the store keeps the session ${Math.round(timeline.drift.ms / 1000)} s after the cookie is gone.`}
        </p>
      ) : null}
    </section>
  );
}
