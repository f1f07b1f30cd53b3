import type { Budget } from '../../../core/size/budget.js';

export function Gauge({ label, budget, note }: { label: string; budget: Budget; note?: string }) {
  const pct = Math.min(100, Math.round(budget.ratio * 100));
  return (
    <div
      class={`gauge lvl-${budget.level}`}
      data-testid="size-gauge"
      data-name={label}
      data-level={budget.level}
      data-bytes={String(budget.bytes)}
    >
      <div class="gauge-label">
        <code>{label}</code> {budget.bytes} / {budget.limit} bytes ({Math.round(budget.ratio * 100)} %)
        {note ? ` · ${note}` : ''}
      </div>
      <div
        class="gauge-track"
        role="meter"
        aria-label={`${label}: bytes of ${budget.limit}`}
        aria-valuemin={0}
        aria-valuemax={budget.limit}
        aria-valuenow={budget.bytes}
      >
        <div class="gauge-fill" style={{ width: `${pct}%` }} />
        <div class="gauge-warn" style={{ left: '80%' }} />
      </div>
    </div>
  );
}
