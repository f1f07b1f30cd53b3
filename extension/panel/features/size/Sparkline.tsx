import type { SizeSeries } from '../../../core/size/budget.js';

const W = 320;
const H = 84;
/** Room for the y-axis labels (bytes) on the left and the x-axis labels (request numbers) below. */
const LEFT = 44;
const BOTTOM = 16;
const TOP = 6;

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

const bytesText = (b: number) => (b >= 10_240 ? `${Math.round(b / 1024)} KB` : `${b} B`);

/**
 * Bytes per request for one cookie, with the limit as a line: the history at a glance. The axes
 * say what they measure: bytes up the side (0, the limit), request numbers along the bottom.
 * `idOf` turns a sample's position into the request number the list shows.
 */
export function Sparkline({
  series,
  limit,
  selectedIndex,
  idOf,
}: {
  series: SizeSeries;
  limit: number;
  selectedIndex: number;
  idOf: (index: number) => number | undefined;
}) {
  const points = downsample(series.points, (W - LEFT) / 2);
  const dots = points.length <= 60;
  const max = Math.max(limit * 1.1, ...points.map((p) => p.bytes));
  const x = (i: number) =>
    points.length <= 1 ? (LEFT + W) / 2 : LEFT + 4 + (i / (points.length - 1)) * (W - LEFT - 8);
  const y = (b: number) => H - BOTTOM - (b / max) * (H - BOTTOM - TOP);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.bytes).toFixed(1)}`)
    .join(' ');
  const first = points[0];
  const last = points.at(-1);
  return (
    <svg
      class="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      data-testid="size-history"
      data-name={series.name}
      data-points={String(series.points.length)}
      role="img"
      aria-label={`${series.name}: bytes per request, ${first ? `#${idOf(first.index)}` : ''} to ${last ? `#${idOf(last.index)}` : ''}, limit ${limit} bytes`}
    >
      <line class="axis-line" x1={LEFT} x2={LEFT} y1={TOP} y2={H - BOTTOM} />
      <line class="axis-line" x1={LEFT} x2={W} y1={H - BOTTOM} y2={H - BOTTOM} />
      <text class="axis-label" x={LEFT - 4} y={H - BOTTOM} text-anchor="end" data-testid="size-axis-y">
        0 B
      </text>
      <text class="axis-label" x={LEFT - 4} y={y(limit) + 4} text-anchor="end">
        {bytesText(limit)}
      </text>
      <line class="limit" x1={LEFT} x2={W} y1={y(limit)} y2={y(limit)} />
      <line class="warn" x1={LEFT} x2={W} y1={y(limit * 0.8)} y2={y(limit * 0.8)} />
      {first ? (
        <text class="axis-label" x={x(0)} y={H - 3} text-anchor="start" data-testid="size-axis-x">
          request #{idOf(first.index)}
        </text>
      ) : null}
      {last && points.length > 1 ? (
        <text class="axis-label" x={x(points.length - 1)} y={H - 3} text-anchor="end">
          #{idOf(last.index)}
        </text>
      ) : null}
      <path d={path} class={`trace lvl-${series.worst}`} fill="none" />
      {points.map(
        (p, i) =>
          (dots || p.index === selectedIndex) && (
            <circle
              cx={x(i)}
              cy={y(p.bytes)}
              r={p.index === selectedIndex ? 3.5 : 2}
              class={p.index === selectedIndex ? 'sel' : ''}
            >
              <title>
                request #{idOf(p.index)}: {p.bytes} bytes{p.index === selectedIndex ? ' (selected)' : ''}
              </title>
            </circle>
          ),
      )}
    </svg>
  );
}
