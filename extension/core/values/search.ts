/**
 * Search over a session tree, iteratively (a value nested 100,000 deep used to throw `RangeError`
 * and leave the tree stuck, issue 13.1), with bounded results and a bounded walk.
 */
import type { TypedValue } from '../../../protocol/src/typed-value.js';
import { formatValue } from '../diff/format-value.js';
import { childrenOf } from './children.js';

/** One step up a path: the walk shares these, so 1,000 hits at depth 100,000 cost no more than one. */
export interface Trail {
  label: string;
  parent: Trail | null;
  depth: number;
}

export interface Hit {
  /** The container holding the match and the label of the match inside it. */
  container: TypedValue | null;
  trail: Trail | null;
  label: string;
  /** Its position in the container (-1 for the session itself): the tree pages to it. */
  index: number;
  value: TypedValue;
  where: 'key' | 'value';
}

export interface SearchResult {
  hits: Hit[];
  /** Every match found, kept or not. */
  total: number;
  /** Containers with a match somewhere below: the tree opens these. */
  open: Set<object>;
  /** Matches by container, for marking rows: container → labels. */
  marked: Map<object | null, Set<string>>;
  /** True when the walk stopped at `maxNodes` before the end of the tree. */
  stopped: boolean;
  nodes: number;
}

export interface SearchLimits {
  maxHits: number;
  maxNodes: number;
}

const DEFAULTS: SearchLimits = { maxHits: 500, maxNodes: 5_000_000 };

/** The label path of a trail, the last `keep` steps, with how many were left out before them. */
export function trailLabels(trail: Trail | null, keep = 12): { labels: string[]; hidden: number } {
  const labels: string[] = [];
  let t = trail;
  while (t !== null && labels.length < keep) {
    labels.push(t.label);
    t = t.parent;
  }
  return { labels: labels.reverse(), hidden: t === null ? 0 : t.depth + 1 };
}

function leafMatches(value: TypedValue, query: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(query);
  return formatValue(value, 400).toLowerCase().includes(query);
}

/** Keys and leaf values containing `query` (case-insensitive), in tree order. */
export function searchTree(
  root: TypedValue,
  rawQuery: string,
  limits: Partial<SearchLimits> = {},
): SearchResult {
  const { maxHits, maxNodes } = { ...DEFAULTS, ...limits };
  const query = rawQuery.trim().toLowerCase();
  const result: SearchResult = {
    hits: [],
    total: 0,
    open: new Set(),
    marked: new Map(),
    stopped: false,
    nodes: 0,
  };
  if (query === '') return result;
  // Each item: a node with the container it sits in, its label and the trail to the container.
  type Item = {
    value: TypedValue;
    container: TypedValue | null;
    label: string;
    index: number;
    trail: Trail | null;
    ancestors: Ancestors;
  };
  const stack: Item[] = [
    { value: root, container: null, label: '(session)', index: -1, trail: null, ancestors: null },
  ];
  while (stack.length > 0) {
    if (result.nodes >= maxNodes) {
      result.stopped = true;
      break;
    }
    const item = stack.pop()!;
    result.nodes++;
    const children = childrenOf(item.value);
    const isRoot = item.container === null;
    let where: 'key' | 'value' | null = null;
    if (!isRoot && item.label.toLowerCase().includes(query)) where = 'key';
    else if (!children && leafMatches(item.value, query)) where = 'value';
    if (where !== null) {
      result.total++;
      if (result.hits.length < maxHits) {
        result.hits.push({
          container: item.container,
          trail: item.trail,
          label: item.label,
          index: item.index,
          value: item.value,
          where,
        });
        const key = item.container as object | null;
        const labels = result.marked.get(key) ?? new Set<string>();
        labels.add(item.label);
        result.marked.set(key, labels);
        openAll(item.ancestors, result.open);
      }
    }
    if (!children || children.size === 0) continue;
    const trail: Trail | null = isRoot
      ? null
      : { label: item.label, parent: item.trail, depth: (item.trail?.depth ?? -1) + 1 };
    const ancestors: Ancestors = { node: item.value as object, parent: item.ancestors, opened: false };
    for (let i = children.size - 1; i >= 0; i--) {
      stack.push({
        value: children.value(i),
        container: item.value,
        label: children.label(i),
        index: i,
        trail,
        ancestors,
      });
    }
  }
  return result;
}

/** Containers on the way to a node, opened once each: later hits stop at the first opened one. */
type Ancestors = { node: object; parent: Ancestors; opened: boolean } | null;

function openAll(ancestors: Ancestors, open: Set<object>): void {
  for (let a = ancestors; a !== null && !a.opened; a = a.parent) {
    a.opened = true;
    open.add(a.node);
  }
}
