import microdiff from 'microdiff';
import { TAG, tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';
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
 * The node at a path: containers on the way are unwrapped, the node itself is not, so that an
 * added tuple or Markup still says what it is (`Markup {…}`, not its bare entries).
 */
function at(root: TypedValue | undefined, segments: readonly (string | number)[]): TypedValue | undefined {
  let node = root;
  for (const s of segments) {
    const container = view(node);
    if (container === null || container === undefined || typeof container !== 'object') return undefined;
    node = (container as Record<string | number, TypedValue>)[s];
  }
  return node;
}

/**
 * Before → after differences between two session trees, deepest paths that differ.
 * microdiff walks the plain JSON; this folds its results so that a typed leaf
 * (a Date, a Map…) is reported once at its own path, not as `when.iso` changed.
 */
export function diffSessions(before: TypedValue | null, after: TypedValue | null): DiffEntry[] {
  if (before === null && after === null) return [];
  // A session created or destroyed: one line per key, never one `(root)` blob.
  if (before === null && isKeyed(after)) return keyedEntries('added', after);
  if (after === null && isKeyed(before)) return keyedEntries('removed', before);
  if (
    before === null ||
    after === null ||
    typeName(before) !== typeName(after) ||
    typeof before !== 'object' ||
    typeof after !== 'object'
  ) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const kind: DiffKind = before === null ? 'added' : after === null ? 'removed' : 'type-changed';
    return [entry(kind, [], before ?? undefined, after ?? undefined)];
  }
  const a = normalize(before);
  const b = normalize(after);
  const seen = new Set<string>();
  const out: DiffEntry[] = [];
  for (const change of microdiff(a as object, b as object)) {
    const segments = leafPath(a, b, change.path);
    const key = JSON.stringify(segments);
    if (seen.has(key)) continue;
    seen.add(key);
    const old = at(before, segments);
    const now = at(after, segments);
    if (segments.length !== change.path.length && JSON.stringify(old) === JSON.stringify(now)) continue;
    const kind: DiffKind =
      old === undefined
        ? 'added'
        : now === undefined
          ? 'removed'
          : typeName(old) !== typeName(now)
            ? 'type-changed'
            : 'changed';
    out.push(entry(kind, segments, old, now));
  }
  return out;
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

/**
 * Stands in for a session's own `$ss` key inside `object`/`instance` entries while diffing, so
 * that unwrapped entries never look like a typed leaf. No encoded key can contain a NUL and `$`.
 */
const ESCAPED_TAG = '\u0000$ss';

/**
 * Replaces `object`/`instance` wrappers by their entries, recursively, for microdiff. Shares
 * every subtree that has no wrapper (most of a session): a 1 MB session is walked, not copied.
 */
function normalize(value: TypedValue): TypedValue {
  const v = view(value);
  if (v === null || typeof v !== 'object') return v as TypedValue;
  const unwrapped = v !== value;
  if (Array.isArray(v)) {
    let copy: TypedValue[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const child = normalize(v[i]!);
      if (child !== v[i] && copy === null) copy = v.slice(0, i);
      if (copy !== null) copy.push(child);
    }
    return copy ?? v;
  }
  if (!unwrapped && tagOf(v) !== undefined) return v;
  const keys = Object.keys(v);
  const children = keys.map((k) => normalize((v as Record<string, TypedValue>)[k]!));
  if (!unwrapped && children.every((child, i) => child === (v as Record<string, TypedValue>)[keys[i]!]))
    return v;
  const out: Record<string, TypedValue> = {};
  keys.forEach((k, i) => {
    const key = unwrapped && k === TAG ? ESCAPED_TAG : k;
    Object.defineProperty(out, key, {
      value: children[i],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return out;
}

/** Cuts a microdiff path at the first typed leaf (a `$ss` node that is not a container). */
function leafPath(a: TypedValue, b: TypedValue, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let na: TypedValue | undefined = a;
  let nb: TypedValue | undefined = b;
  for (const segment of path) {
    if (isTypedLeaf(na) || isTypedLeaf(nb)) break;
    out.push(segment === ESCAPED_TAG ? TAG : segment);
    na = child(na, segment);
    nb = child(nb, segment);
  }
  return out;
}

function isTypedLeaf(value: TypedValue | undefined): boolean {
  return (
    value !== undefined &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof value[TAG] === 'string'
  );
}

function child(value: TypedValue | undefined, segment: string | number): TypedValue | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return (value as Record<string | number, TypedValue>)[segment];
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
