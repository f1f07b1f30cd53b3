import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { tagOf, type TypedValue } from '../../../../protocol/src/typed-value.js';
import { formatValue, truncatedNote } from '../../../core/diff/format-value.js';
import { childrenOf, moreMark } from '../../../core/values/children.js';
import { count } from '../../../core/values/cut-text.js';
import { lookAlikeKeys } from '../../../core/values/invisible.js';
import type { SearchResult, Trail } from '../../../core/values/search.js';
import { LongText, Revealed } from '../../app/Revealed.js';

/** A session with more top-level keys than this starts folded, so that a 1 MB tree renders at once. */
export const OPEN_BELOW = 50;
/** Rows rendered per level, then "Show N more": 20,000 keys or 1,000,000 items render as fast as 200. */
export const PAGE = 200;
/**
 * Levels nested in one view. Deeper, a node offers "open here" and the tree re-roots there, so a
 * value nested 100,000 deep never becomes 100,000 nested elements (or components on the stack).
 */
export const MAX_NEST = 32;

/** A search hit the developer picked: the row at `index` of `container`. */
export interface Picked {
  container: TypedValue | null;
  index: number;
}

export interface TreeContext {
  search: SearchResult | null;
  /** The picked hit: its level pages to it, and the row is marked and scrolled into view. */
  picked: Picked | null;
  /** Re-roots the tree at a node (its value and the trail of labels leading to it). */
  focus: (value: TypedValue, trail: Trail) => void;
}

interface Props {
  name: string;
  value: TypedValue;
  depth: number;
  /** The container this node sits in (null at the root), and the trail of labels to it. */
  parent: TypedValue | null;
  /** Position in the parent. */
  index: number;
  trail: Trail | null;
  ctx: TreeContext;
  /** Start open: the first two levels of a small session; a big one starts folded. */
  open?: boolean;
  /** Another key of the same object reads the same: they differ only in invisible characters. */
  lookAlike?: boolean;
}

/** A leaf as the developer reads it: strings cut honestly, the server's cut note never cut. */
export function LeafValue({ value, max = 300 }: { value: TypedValue; max?: number }) {
  if (typeof value === 'string') return <LongText text={value} max={max} quoted />;
  if (tagOf(value) === 'truncated') {
    const v = value as Record<string, TypedValue>;
    return (
      <>
        <LongText text={typeof v.preview === 'string' ? v.preview : ''} max={max} quoted />
        <span class="cut-mark" data-testid="server-cut">
          {truncatedNote(v)}
        </span>
      </>
    );
  }
  return <Revealed text={formatValue(value, max)} />;
}

function typeOf(value: TypedValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? (tagOf(value) ?? 'object') : typeof value;
}

/** A collapsible tree node; all text goes through JSX, never innerHTML: session values are hostile input. */
export function TypedNode({
  name,
  value,
  depth,
  parent,
  index,
  trail,
  ctx,
  open: openAtFirst,
  lookAlike,
}: Props) {
  const children = childrenOf(value);
  const marked = ctx.search?.marked.get(parent as object | null)?.has(name) ?? false;
  const picked = ctx.picked !== null && ctx.picked.container === parent && ctx.picked.index === index;
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (picked) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [picked, ctx.picked]);
  const [open, setOpen] = useState(openAtFirst ?? (depth < 2 && (children?.size ?? 0) <= OPEN_BELOW));
  const onPath = children !== null && ctx.search !== null && ctx.search.open.has(value as object);
  const expanded = children !== null && (open || onPath);
  const tag = value !== null && typeof value === 'object' && !Array.isArray(value) ? tagOf(value) : undefined;
  const here: Trail = { label: name, parent: trail, depth: (trail?.depth ?? -1) + 1 };
  return (
    <li
      ref={row}
      class={`node${marked ? ' hit' : ''}${picked ? ' picked' : ''}`}
      data-testid="tree-node"
      data-picked={picked ? 'true' : undefined}
      data-name={name}
      data-type={typeOf(value)}
    >
      {children ? (
        <button type="button" class="toggle" aria-expanded={expanded} onClick={() => setOpen(!expanded)}>
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span class="toggle" />
      )}
      <span class="key">
        <Revealed text={name} />
      </span>
      {lookAlike ? (
        <span
          class="lookalike"
          data-testid="lookalike-key"
          title="Another key reads the same: they differ only in invisible characters"
        >
          looks like another key
        </span>
      ) : null}
      <span class={`value t-${tag ?? typeof value}`}>
        {children ? (
          tag ? (
            <Revealed text={formatValue(value, 60)} />
          ) : Array.isArray(value) ? (
            `Array(${count(value.length)})`
          ) : (
            `{${count(children.size)}}`
          )
        ) : (
          <LeafValue value={value} />
        )}
      </span>
      {expanded && depth + 1 >= MAX_NEST ? (
        <button
          type="button"
          class="link deeper"
          data-testid="tree-open-here"
          onClick={() => ctx.focus(value, here)}
        >
          nested deeper: open here ({count(here.depth + 1)} levels down)
        </button>
      ) : expanded ? (
        <Level container={value} trail={here} depth={depth + 1} ctx={ctx} />
      ) : null}
    </li>
  );
}

/** The page of rows that holds row `index`. */
const pageOf = (index: number): number => Math.floor(index / PAGE) * PAGE;

/**
 * One level's rows, a page at a time: rows `from`…`to`, with "Show earlier" and "Show more".
 * A picked search hit past the first page opens the level at its page. A server's cut marks
 * (`$ssmore`, a `more` node ending a list) render as marks saying how much was not sent, never
 * as session keys.
 */
export function Level({
  container,
  trail,
  depth,
  ctx,
  open,
}: {
  container: TypedValue;
  trail: Trail | null;
  depth: number;
  ctx: TreeContext;
  open?: boolean;
}) {
  const children = childrenOf(container)!;
  const picked = ctx.picked !== null && ctx.picked.container === container ? ctx.picked : null;
  const [paging, setPaging] = useState<{ for: Picked | null; from: number; to: number }>({
    for: null,
    from: 0,
    to: PAGE,
  });
  // A hit picked since the developer last paged, outside the rows shown: show its page.
  const { from, to } =
    picked !== null && paging.for !== picked && (picked.index < paging.from || picked.index >= paging.to)
      ? { from: pageOf(picked.index), to: pageOf(picked.index) + PAGE }
      : paging;
  const page = (nextFrom: number, nextTo: number) => setPaging({ for: picked, from: nextFrom, to: nextTo });
  const alike = useMemo(() => {
    const keys: string[] = [];
    for (let i = 0; i < children.size; i++) {
      const key = children.key(i);
      if (key === undefined) return new Set<string>();
      keys.push(key);
    }
    return lookAlikeKeys(keys);
  }, [container]);
  const rows = [];
  const end = Math.min(children.size, to);
  for (let i = from; i < end; i++) {
    const key = children.key(i);
    const value = children.value(i);
    const keysLeft = moreMark(key, value);
    if (keysLeft !== undefined) {
      rows.push(
        <li class="cut-mark" data-testid="cut-mark" data-kind="keys">
          … {count(keysLeft)} more key{keysLeft === 1 ? '' : 's'} not sent (cut by the server's maxItems)
        </li>,
      );
      continue;
    }
    if (key === undefined && tagOf(value) === 'more') {
      const left = Number((value as { count?: unknown }).count);
      rows.push(
        <li class="cut-mark" data-testid="cut-mark" data-kind="items">
          … {count(left)} more item{left === 1 ? '' : 's'} not sent (cut by the server's maxItems)
        </li>,
      );
      continue;
    }
    const name = children.label(i);
    rows.push(
      <TypedNode
        name={name}
        value={value}
        depth={depth}
        parent={container}
        index={i}
        trail={trail}
        ctx={ctx}
        lookAlike={key !== undefined && alike.has(key)}
        {...(open === undefined ? {} : { open })}
      />,
    );
  }
  return (
    <ul class={depth === 0 ? 'tree' : undefined}>
      {from > 0 ? (
        <li class="more">
          <button
            type="button"
            data-testid="tree-show-earlier"
            onClick={() => page(Math.max(0, from - PAGE), to)}
          >
            Show {count(Math.min(PAGE, from))} earlier ({count(from)} not shown before row {count(from)})
          </button>
        </li>
      ) : null}
      {rows}
      {children.size > end ? (
        <li class="more">
          <button type="button" data-testid="tree-show-more" onClick={() => page(from, to + PAGE)}>
            Show {count(Math.min(PAGE, children.size - end))} more ({count(children.size - end)} not shown
            {from > 0 ? ' after these' : ''} of {count(children.size)})
          </button>
        </li>
      ) : null}
    </ul>
  );
}
