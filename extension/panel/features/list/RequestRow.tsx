import type { RequestRecord } from '../../state/types.js';
import { changeOf, sessionTagOf } from '../../state/selectors.js';
import type { RowFinding } from '../../state/finding-index.js';
import type { Verdict } from '../../../core/causes/types.js';
import { revealText } from '../../../core/values/invisible.js';
import { Revealed } from '../../app/Revealed.js';

interface Props {
  record: RequestRecord;
  selected: boolean;
  compared: boolean;
  top: number;
  height: number;
  /** Findings this request showed first (repeats of earlier ones are not counted again). */
  fresh: readonly RowFinding[];
  /** How many findings this request repeats from earlier ones. */
  repeated: number;
  verdict: Verdict | null;
  onSelect(id: number, compare: boolean): void;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Start time as the Network panel's waterfall labels it: local wall clock with milliseconds. */
export function clockOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export const rowDomId = (id: number) => `request-${id}`;

export function RequestRow({
  record,
  selected,
  compared,
  top,
  height,
  fresh,
  repeated,
  verdict,
  onSelect,
}: Props) {
  const change = changeOf(record);
  const tag = sessionTagOf(record);
  const lost = verdict?.kind === 'lost';
  const errors = fresh.filter((f) => f.severity === 'error').length;
  const warnings = fresh.length - errors;
  return (
    <div
      role="option"
      id={rowDomId(record.id)}
      data-testid="request-row"
      data-id={String(record.id)}
      data-url={record.url}
      data-method={record.method}
      data-status={String(record.status)}
      data-state={record.debug.state}
      data-change={change}
      data-verdict={verdict?.kind ?? ''}
      aria-selected={selected ? 'true' : 'false'}
      class={`row state-${record.debug.state}${selected ? ' selected' : ''}${compared ? ' compared' : ''}${lost ? ' lost' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: `${height}px` }}
      title={revealText(record.url)}
      onClick={(e) => onSelect(record.id, e.shiftKey || e.metaKey || e.ctrlKey)}
    >
      <span class="num">{record.id}</span>
      <span class="time">{clockOf(record.startedAt ?? record.time)}</span>
      {/* A method from an imported file can be any string: it is cut here, whole in the title. */}
      <span class="method" data-testid="row-method" title={revealText(record.method)}>
        <Revealed text={record.method} />
      </span>
      <span class={`status s${Math.floor(record.status / 100)}`}>{record.status || '—'}</span>
      <span class="path">
        <Revealed text={pathOf(record.url)} />
      </span>
      {record.debug.state === 'error' ? (
        <span class="error-text" data-testid="request-error">
          {record.debug.code}: {record.debug.message}
        </span>
      ) : null}
      {tag ? (
        <span
          class={`session-tag${tag.changed ? ' id-changed' : ''}`}
          data-testid="session-tag"
          title={tag.title}
          style={tag.hue === null ? undefined : { borderLeftColor: `hsl(${tag.hue} 70% 45%)` }}
        >
          {tag.text}
        </span>
      ) : null}
      {lost ? (
        <span class="change c-lost" data-testid="row-lost">
          session lost
        </span>
      ) : change && change !== 'unchanged' && change !== 'none' ? (
        <span class={`change c-${change}`}>{change}</span>
      ) : null}
      {record.debug.state === 'pending' ? <span class="change">…</span> : null}
      {errors > 0 ? (
        <span
          class="badge error"
          data-testid="row-badge-error"
          title={fresh
            .filter((f) => f.severity === 'error')
            .map((f) => f.title)
            .join('\n')}
        >
          {errors}
        </span>
      ) : null}
      {warnings > 0 ? (
        <span
          class="badge warning"
          data-testid="row-badge-warning"
          title={fresh
            .filter((f) => f.severity === 'warning')
            .map((f) => f.title)
            .join('\n')}
        >
          {warnings}
        </span>
      ) : null}
      {errors === 0 && warnings === 0 && repeated > 0 ? (
        <span
          class="repeat"
          data-testid="row-repeat"
          title={`${repeated} finding${repeated === 1 ? '' : 's'} already shown on an earlier request`}
        >
          ↺
        </span>
      ) : null}
    </div>
  );
}
