import { useState } from 'preact/hooks';
import { buildTimeline, type CookieRow, type StoreRow } from '../../../core/timeline/model.js';
import type { RequestRecord } from '../../state/types.js';
import { absolute, relative } from '../cookies/time-text.js';
import { timelineInputs } from './inputs.js';

const W = 900;
const LABEL = 190;
const ROW = 30;

type Scale = 'requests' | 'expiry';

const WINDOW = 500;

export function TimelineView({ records: all, selected, now }: { records: readonly RequestRecord[]; selected: RequestRecord; now: number }) {
  const [scale, setScale] = useState<Scale>('requests');
  // Bounded work on long logs: the latest WINDOW requests up to the selected one.
  const at = all.indexOf(selected);
  const from = Math.max(0, Math.max(at + 1, Math.min(all.length, WINDOW)) - WINDOW);
  const records = all.slice(from, Math.max(at + 1, Math.min(all.length, WINDOW)));
  const timeline = buildTimeline(timelineInputs(records, all, from), now);
  if (timeline.rows.length === 0) return <p class="muted">No cookie was set in the recorded requests.</p>;
  const firstTick = Math.min(now, ...records.map((r) => r.time));
  const lastTick = Math.max(now, ...records.map((r) => r.time));
  // "requests": the span of the recorded requests plus a margin, expiries beyond it marked at the edge.
  const span = Math.max(lastTick - firstTick, 60_000);
  const start = scale === 'requests' ? firstTick - span * 0.05 : timeline.start;
  const end = scale === 'requests' ? lastTick + span * 0.6 : timeline.end + (timeline.end - timeline.start) * 0.02;
  const x = (t: number) => LABEL + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * (W - LABEL - 10);
  const height = timeline.rows.length * ROW + 24;
  const selectedIndex = records.indexOf(selected);

  function cookieRow(row: CookieRow, i: number) {
    const y = i * ROW + 8;
    return (
      <g data-testid="timeline-row" data-name={row.name} data-kind="cookie" data-segments={String(row.segments.length)}>
        <text x={4} y={y + 14} class="row-label">
          {row.name}
          {row.isSessionCookie ? ' (session)' : ''}
        </text>
        {row.segments.map((s) => {
          const until = s.until ?? end;
          const over = s.until !== null && s.until > end;
          return (
            <g data-testid="timeline-segment" data-kind={s.kind} data-until={s.until === null ? '' : String(s.until)} data-renewed={String(s.renewed)} data-end={s.end}>
              <rect x={x(s.from)} y={y + 4} width={Math.max(2, x(until) - x(s.from))} height={14} class={`seg seg-${s.kind}${s.end !== 'live' ? ' seg-old' : ''}${s.renewed ? ' seg-renewed' : ''}`}>
                <title>
                  set {absolute(s.from)} by request #{records[s.setBy]?.id} ·{' '}
                  {s.until === null ? 'browser-session cookie: lives until the browser closes' : `expires ${absolute(s.until)} (${relative(s.until, now)})`}
                  {s.renewed ? ' · rolling renewal moved the expiry later' : ''} · {s.end}
                </title>
              </rect>
              {s.until !== null && !over ? <line class="expiry-mark" x1={x(s.until)} x2={x(s.until)} y1={y + 1} y2={y + 21} /> : null}
              {over && s.end === 'live' ? (
                <text x={W - 8} y={y + 15} class="edge-label" text-anchor="end">
                  → {relative(s.until!, now)}
                </text>
              ) : null}
            </g>
          );
        })}
        {row.ticks.map((t) => (
          <line class={`tick${t.set ? ' tick-set' : ''}${t.index === selectedIndex ? ' tick-sel' : ''}`} x1={x(t.time)} x2={x(t.time)} y1={y + 20} y2={y + 26}>
            <title>
              request #{records[t.index]?.id} {absolute(t.time)} {t.set ? '(set the cookie)' : '(sent it)'}
            </title>
          </line>
        ))}
      </g>
    );
  }

  function pointRow(row: StoreRow, i: number) {
    const y = i * ROW + 8;
    return (
      <g data-testid="timeline-row" data-name={row.name} data-kind={row.kind}>
        <text x={4} y={y + 14} class="row-label">
          {row.name}
        </text>
        {row.points.map((p) => (
          <g data-testid="timeline-point" data-expires={String(p.expiresAt)}>
            <line class="store-link" x1={x(p.time)} x2={x(p.expiresAt)} y1={y + 11} y2={y + 11} />
            <circle class="store-point" cx={x(p.expiresAt)} cy={y + 11} r={3.5}>
              <title>
                as of request #{records[p.index]?.id}: expires {absolute(p.expiresAt)} ({relative(p.expiresAt, now)})
              </title>
            </circle>
          </g>
        ))}
      </g>
    );
  }

  return (
    <section>
      <div class="timeline-controls">
        <label>
          <input type="radio" name="scale" checked={scale === 'requests'} onChange={() => setScale('requests')} /> Zoom to requests
        </label>
        <label>
          <input type="radio" name="scale" checked={scale === 'expiry'} onChange={() => setScale('expiry')} /> Whole lifetime
        </label>
        <span class="legend">
          <span class="seg-session sw" /> browser-session <span class="seg-persistent sw" /> persistent <span class="seg-renewed sw" /> renewed (rolling)
        </span>
      </div>
      {all.length > records.length ? (
        <p class="muted">
          Requests #{records[0]!.id}–#{records.at(-1)!.id} of {all.length}.
        </p>
      ) : null}
      <svg class="timeline" data-testid="timeline" viewBox={`0 0 ${W} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {timeline.rows.map((row, i) => (row.kind === 'cookie' ? cookieRow(row, i) : pointRow(row, i)))}
        <line class="now" data-testid="timeline-now" x1={x(now)} x2={x(now)} y1={0} y2={height - 16}>
          <title>now {absolute(now)}</title>
        </line>
        <text x={x(now)} y={height - 4} class="now-label" text-anchor="middle">
          now
        </text>
      </svg>
      {timeline.drift ? (
        <p data-testid="timeline-drift" class={Math.abs(timeline.drift.ms) > 60_000 ? 'finding sev-warning' : 'muted'}>
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
