import type { SizeSeries } from '../../../core/size/budget.js';

const W = 320;
const H = 48;

/** Bytes per request for one cookie, with the limit as a line: the history at a glance. */
/** At most one point per pixel column pair: the largest in each bucket, so peaks survive. */
function downsample<T extends { bytes: number }>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    out.push(bucket.reduce((a, p) => (p.bytes > a.bytes ? p : a)));
  }
  return out;
}

export function Sparkline({ series, limit, selectedIndex }: { series: SizeSeries; limit: number; selectedIndex: number }) {
  const points = downsample(series.points, W / 2);
  const dots = points.length <= 60;
  const max = Math.max(limit * 1.1, ...points.map((p) => p.bytes));
  const x = (i: number) => (points.length <= 1 ? W / 2 : (i / (points.length - 1)) * (W - 8) + 4);
  const y = (b: number) => H - 4 - (b / max) * (H - 8);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.bytes).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} data-testid="size-history" data-name={series.name} data-points={String(series.points.length)}>
      <line class="limit" x1={0} x2={W} y1={y(limit)} y2={y(limit)} />
      <line class="warn" x1={0} x2={W} y1={y(limit * 0.8)} y2={y(limit * 0.8)} />
      <path d={path} class={`trace lvl-${series.worst}`} fill="none" />
      {points.map((p, i) => (dots || p.index === selectedIndex) && (
        <circle cx={x(i)} cy={y(p.bytes)} r={p.index === selectedIndex ? 3.5 : 2} class={p.index === selectedIndex ? 'sel' : ''}>
          <title>
            request #{p.index + 1}: {p.bytes} bytes
          </title>
        </circle>
      ))}
    </svg>
  );
}
