/**
 * JSON text of a typed tree at any depth. V8's JSON.stringify recurses and throws `RangeError`
 * past a few thousand levels (measured: 3,000 fine, 5,000 throws on Node 20), and a session may
 * nest deeper than that when a server raises `maxDepth` (issue 13). Shallow trees, i.e. every real
 * session, still take JSON.stringify's native path; deeper ones are printed with an explicit stack.
 */
import type { TypedValue } from './typed-value.js';

/** Nesting below which JSON.stringify is safe on every engine we ship to (it breaks near 4,000). */
const NATIVE_DEPTH = 1000;

/** True when some container sits `limit` levels deep. Stops as soon as one does. */
export function deeperThan(root: TypedValue, limit: number): boolean {
  const stack: [TypedValue, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children)
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** Sorted copies of plain objects (defined entries: `__proto__` stays a key) for JSON.stringify. */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}

/**
 * `JSON.stringify(value)` (or, with `sorted`, with every object's keys sorted), the same text at
 * any depth. Only plain JSON goes in: a TypedValue has no undefined, functions or toJSON.
 */
export function jsonText(value: TypedValue, { sorted = false }: { sorted?: boolean } = {}): string {
  if (!deeperThan(value, NATIVE_DEPTH))
    return sorted ? JSON.stringify(value, sortKeys) : JSON.stringify(value);
  const native = (v: TypedValue) => (sorted ? JSON.stringify(v, sortKeys) : JSON.stringify(v));
  // Every subtree shallower than NATIVE_DEPTH still goes through JSON.stringify (a 1,000,000-item
  // list in one native call); only the deep spine is printed here. Heights come from one pass.
  const shallow = shallowContainers(value);
  const out: string[] = [];
  // Each entry is either text to write or a value to print.
  const stack: ({ text: string } | { value: TypedValue })[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object' || shallow.has(v)) {
      out.push(native(v));
      continue;
    }
    const parts: ({ text: string } | { value: TypedValue })[] = [];
    if (Array.isArray(v)) {
      parts.push({ text: '[' });
      v.forEach((child, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: child ?? null });
      });
      parts.push({ text: ']' });
    } else {
      const keys = Object.keys(v);
      if (sorted) keys.sort();
      parts.push({ text: '{' });
      let first = true;
      for (const key of keys) {
        const child = v[key];
        if (child === undefined) continue; // as JSON.stringify: an absent optional field
        parts.push({ text: `${first ? '' : ','}${JSON.stringify(key)}:` });
        parts.push({ value: child });
        first = false;
      }
      parts.push({ text: '}' });
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
}

/**
 * Containers whose subtree is less than NATIVE_DEPTH high, found by one post-order pass with an
 * explicit stack (their heights are known once their children's are).
 */
function shallowContainers(root: TypedValue): Set<object> {
  const height = new Map<object, number>();
  const shallow = new Set<object>();
  const stack: [object, boolean][] = [];
  if (root !== null && typeof root === 'object') stack.push([root, false]);
  while (stack.length > 0) {
    const [node, visited] = stack.pop()!;
    const children = (Array.isArray(node) ? node : Object.values(node)).filter(
      (c): c is object => c !== null && typeof c === 'object',
    );
    if (!visited) {
      stack.push([node, true]);
      for (const child of children) if (!height.has(child)) stack.push([child, false]);
      continue;
    }
    let h = 1;
    for (const child of children) h = Math.max(h, (height.get(child) ?? 0) + 1);
    height.set(node, h);
    if (h < NATIVE_DEPTH) shallow.add(node);
  }
  return shallow;
}
