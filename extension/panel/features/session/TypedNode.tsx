import { useState } from 'preact/hooks';
import { tagOf, type TypedValue } from '../../../../protocol/src/typed-value.js';
import { formatValue } from '../../../core/diff/format-value.js';

interface Props {
  name: string;
  value: TypedValue;
  depth: number;
  /** Lower-cased search text; matching keys and values are marked, their ancestors open. */
  query: string;
  /** Start open: the first two levels of a small session; a big one starts folded. */
  open?: boolean;
}

/** A session with more top-level keys than this starts folded, so that a 1 MB tree renders at once. */
export const OPEN_BELOW = 50;

/** Children of a node as [label, value] pairs, or null for a leaf. */
export function childrenOf(value: TypedValue): [string, TypedValue][] | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.map((v, i) => [`[${i}]`, v]);
  const v = value as Record<string, TypedValue>;
  switch (tagOf(value)) {
    case undefined:
      return Object.entries(v);
    case 'object':
    case 'instance':
      return Object.entries((v.entries ?? {}) as Record<string, TypedValue>);
    case 'map':
      return ((v.entries ?? []) as TypedValue[]).map((pair, i) => {
        const [k, val] = Array.isArray(pair) ? pair : [String(i), pair];
        return [`${formatValue(k as TypedValue, 40)} =>`, val as TypedValue];
      });
    case 'set':
      return ((v.values ?? []) as TypedValue[]).map((val, i) => [`[${i}]`, val]);
    default:
      return null;
  }
}

export function matches(name: string, value: TypedValue, query: string): boolean {
  if (!query) return false;
  if (name.toLowerCase().includes(query)) return true;
  const children = childrenOf(value);
  if (!children) return formatValue(value, 10_000).toLowerCase().includes(query);
  return children.some(([n, v]) => matches(n, v, query));
}

/** A collapsible tree node; all text goes through JSX, never innerHTML: session values are hostile input. */
export function TypedNode({ name, value, depth, query, open: openAtFirst }: Props) {
  const children = childrenOf(value);
  const hit = query !== '' && matches(name, value, query);
  const [open, setOpen] = useState(openAtFirst ?? (depth < 2 && (children?.length ?? 0) <= OPEN_BELOW));
  const expanded = open || (hit && children !== null);
  const tag = value !== null && typeof value === 'object' && !Array.isArray(value) ? tagOf(value) : undefined;
  const summary = children
    ? tag
      ? formatValue(value, 60)
      : Array.isArray(value)
        ? `Array(${value.length})`
        : `{${children.length}}`
    : formatValue(value, 300);
  return (
    <li
      class={`node${hit ? ' hit' : ''}`}
      data-testid="tree-node"
      data-name={name}
      data-type={tag ?? (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)}
    >
      {children ? (
        <button type="button" class="toggle" aria-expanded={expanded} onClick={() => setOpen(!expanded)}>
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span class="toggle" />
      )}
      <span class="key">{name}</span>
      <span class={`value t-${tag ?? typeof value}`}>{summary}</span>
      {children && expanded ? (
        <ul>
          {children.slice(0, 1000).map(([n, v]) => (
            <TypedNode name={n} value={v} depth={depth + 1} query={query} />
          ))}
          {children.length > 1000 ? <li class="more">… {children.length - 1000} more</li> : null}
        </ul>
      ) : null}
    </li>
  );
}
