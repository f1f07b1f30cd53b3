import { jsonText } from '../../../protocol/src/json-text.js';
import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';
import { formatPath } from './path.js';

export type DiffKind = 'added' | 'removed' | 'changed' | 'type-changed';

export interface DiffEntry {
  kind: DiffKind;
  /** Printed path, e.g. `cart.items[2].qty`. */
  path: string;
  /** Raw path segments (numbers are array indexes). */
  segments: (string | number)[];
  before?: TypedValue;
  after?: TypedValue;
}

/** Typed nodes whose children are session data (recurse); every other `$ss` node is one value. */
const CONTAINER_TAGS = new Set(['object', 'instance']);

/** Describes a value's type for type-changed detection: `$ss` tags count as types. */
export function typeName(value: TypedValue | undefined): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const tag = tagOf(value);
  if (tag !== undefined) return tag === 'object' ? 'object' : tag;
  return typeof value;
}

/** Unwraps `object`/`instance` nodes so that their entries diff like plain objects. */
function view(value: TypedValue | undefined): TypedValue | undefined {
  const tag = value === undefined ? undefined : tagOf(value);
  if (tag !== undefined && CONTAINER_TAGS.has(tag)) {
    return (value as { entries: TypedValue }).entries;
  }
  return value;
}

/**
 * Before → after differences between two session trees, deepest paths that differ. A typed leaf
 * (a Date, a Map…) is reported once at its own path, not as `when.iso` changed. The walk keeps its
 * own stack (issue 13.1): two sessions nested 100,000 deep diff without touching the JS stack.
 */
export function diffSessions(before: TypedValue | null, after: TypedValue | null): DiffEntry[] {
  if (before === null && after === null) return [];
  // A session created or destroyed: one line per key, never one `(root)` blob.
  if (before === null && isKeyed(after)) return keyedEntries('added', after);
  if (after === null && isKeyed(before)) return keyedEntries('removed', before);
  const out: DiffEntry[] = [];
  // Work items in output order: a pair to compare, or an entry already decided.
  // Paths are shared tails (a copy per level would be quadratic at depth 100,000).
  type Path = { segment: string | number; parent: Path } | null;
  type Work = { a: TypedValue; b: TypedValue; path: Path } | { done: DiffEntry };
  const segmentsOf = (path: Path): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let p = path; p !== null; p = p.parent) out.push(p.segment);
    return out.reverse();
  };
  const stack: Work[] = [{ a: before, b: after, path: null }];
  while (stack.length > 0) {
    const work = stack.pop()!;
    if ('done' in work) {
      out.push(work.done);
      continue;
    }
    const { a, b } = work;
    const shape = walkable(a, b);
    if (shape === null) {
      if (!sameLeaf(a, b)) {
        const root = work.path === null;
        const kind: DiffKind =
          a === null && root
            ? 'added'
            : b === null && root
              ? 'removed'
              : typeName(a) !== typeName(b)
                ? 'type-changed'
                : 'changed';
        out.push(entry(kind, segmentsOf(work.path), a ?? undefined, b ?? undefined));
      }
      continue;
    }
    const va = view(a) as Record<string | number, TypedValue>;
    const vb = view(b) as Record<string | number, TypedValue>;
    const next: Work[] = [];
    if (shape === 'array') {
      const la = (va as unknown as TypedValue[]).length;
      const lb = (vb as unknown as TypedValue[]).length;
      for (let i = 0; i < Math.max(la, lb); i++) {
        // Equal primitives (most of a 1,000,000-item list) cost a comparison, no allocation.
        if (i < la && i < lb && va[i] === vb[i] && (va[i] === null || typeof va[i] !== 'object')) continue;
        const path: Path = { segment: i, parent: work.path };
        if (i >= lb) next.push({ done: entry('removed', segmentsOf(path), va[i], undefined) });
        else if (i >= la) next.push({ done: entry('added', segmentsOf(path), undefined, vb[i]) });
        else next.push({ a: va[i]!, b: vb[i]!, path });
      }
    } else {
      const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
      for (const k of Object.keys(va)) {
        if (own(vb, k) && va[k] === vb[k] && (va[k] === null || typeof va[k] !== 'object')) continue;
        const path: Path = { segment: k, parent: work.path };
        if (!own(vb, k)) next.push({ done: entry('removed', segmentsOf(path), va[k], undefined) });
        else next.push({ a: va[k]!, b: vb[k]!, path });
      }
      for (const k of Object.keys(vb)) {
        if (!own(va, k))
          next.push({
            done: entry('added', segmentsOf({ segment: k, parent: work.path }), undefined, vb[k]),
          });
      }
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return out;
}

/**
 * 'array' or 'keyed' when both sides are containers of the same kind whose children diff one by
 * one (plain objects, `object` and same-class `instance` nodes, arrays); null for leaves.
 */
function walkable(a: TypedValue, b: TypedValue): 'array' | 'keyed' | null {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return null;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) ? 'array' : null;
  const ta = tagOf(a);
  const tb = tagOf(b);
  if (typeName(a) !== typeName(b)) return null;
  if (ta === undefined || ta === 'object') return 'keyed';
  if (ta === 'instance' && tb === 'instance' && a.className === b.className) return 'keyed';
  return null;
}

/** Equal leaves (typed leaves compared by their whole encoding, at any depth). */
function sameLeaf(a: TypedValue, b: TypedValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return jsonText(a) === jsonText(b);
}

/** A plain object or an `object`/`instance` node: a value whose keys can each get a line. */
function isKeyed(value: TypedValue): boolean {
  const v = view(value);
  return (
    v !== null &&
    v !== undefined &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    (v !== value || tagOf(v) === undefined)
  );
}

function keyedEntries(kind: 'added' | 'removed', value: TypedValue): DiffEntry[] {
  const entries = view(value) as Record<string, TypedValue>;
  return Object.keys(entries).map((key) =>
    kind === 'added'
      ? entry(kind, [key], undefined, entries[key])
      : entry(kind, [key], entries[key], undefined),
  );
}

function entry(
  kind: DiffKind,
  segments: (string | number)[],
  before?: TypedValue,
  after?: TypedValue,
): DiffEntry {
  const e: DiffEntry = { kind, path: formatPath(segments), segments };
  if (before !== undefined) e.before = before;
  if (after !== undefined) e.after = after;
  return e;
}
