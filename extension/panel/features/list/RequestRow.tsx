import type { RequestRecord } from '../../state/types.js';
import { analyze } from '../../state/analysis.js';
import { changeOf } from '../../state/selectors.js';

interface Props {
  record: RequestRecord;
  index: number;
  selected: boolean;
  compared: boolean;
  top: number;
  height: number;
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

export function RequestRow({ record, index, selected, compared, top, height, onSelect }: Props) {
  const change = changeOf(record);
  const analysis = analyze(record, index);
  return (
    <div
      role="option"
      data-testid="request-row"
      data-url={record.url}
      data-method={record.method}
      data-status={String(record.status)}
      data-state={record.debug.state}
      data-change={change}
      aria-selected={selected ? 'true' : 'false'}
      class={`row state-${record.debug.state}${selected ? ' selected' : ''}${compared ? ' compared' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: `${height}px` }}
      title={record.url}
      onClick={(e) => onSelect(record.id, e.shiftKey || e.metaKey || e.ctrlKey)}
    >
      <span class="method">{record.method}</span>
      <span class={`status s${Math.floor(record.status / 100)}`}>{record.status || '—'}</span>
      <span class="path">{pathOf(record.url)}</span>
      {record.debug.state === 'error' ? (
        <span class="error-text" data-testid="request-error">
          {record.debug.code}: {record.debug.message}
        </span>
      ) : null}
      {change ? <span class={`change c-${change}`}>{change}</span> : null}
      {record.debug.state === 'pending' ? <span class="change">…</span> : null}
      {analysis.errorCount > 0 ? (
        <span class="badge error" data-testid="row-badge-error" title="errors">
          {analysis.errorCount}
        </span>
      ) : null}
      {analysis.warningCount > 0 ? (
        <span class="badge warning" data-testid="row-badge-warning" title="warnings">
          {analysis.warningCount}
        </span>
      ) : null}
    </div>
  );
}
