/**
 * encodeTyped as it was before primitive children skipped the per-child frame (a Child object,
 * its put closure and its path string): kept only as the oracle of
 * typed-value.equivalence.test.ts, which proves the two give the same output. Not exported.
 */
import { base64url } from 'jose';
import {
  DEFAULT_LIMITS,
  TAG,
  childPath,
  previewOf,
  type EncodeOptions,
  type EncodeResult,
  type TypedValue,
} from './typed-value.js';

/** The primitive inside a boxed String, Number or Boolean, or undefined for anything else. */
function unboxed(value: object): string | number | boolean | undefined {
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.valueOf();
  return undefined;
}

/** Own data property even for `__proto__`: a session key must never become a prototype. */
function define(target: { [key: string]: TypedValue }, key: string, value: TypedValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * One container being filled: `next` hands out its children one at a time (DFS order, as a
 * recursive walk would), each with the slot its encoding goes into.
 */
interface Frame {
  object: object;
  next(): Child | null;
}

interface Child {
  value: unknown;
  path: string;
  depth: number;
  put(encoded: TypedValue): void;
}

/**
 * Encodes a value for the wire. The walk keeps its own stack (no recursion): a session nested
 * deeper than the JavaScript stack encodes to `deep` (or, with `maxDepth` raised, in full) instead
 * of throwing `RangeError` and losing the whole session (issue 13).
 */
export function encodeTypedBefore(input: unknown, options: EncodeOptions = {}): Omit<EncodeResult, 'exact'> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const redact = options.redact ?? (() => false);
  const redacted: string[] = [];
  let truncated = false;
  /** The containers on the current path (their paths), for cycles: O(1) per lookup at any depth. */
  const ancestors = new Map<object, string>();
  const frames: Frame[] = [];

  /** A leaf's encoding, or a container's (empty, to be filled by the frame this pushes). */
  function encode(value: unknown, path: string, depth: number): TypedValue {
    switch (typeof value) {
      case 'string':
        if (value.length <= limits.maxString) return value;
        truncated = true;
        return { [TAG]: 'truncated', length: value.length, preview: previewOf(value, limits.maxString) };
      case 'number':
        if (Number.isFinite(value) && !Object.is(value, -0)) return value;
        return { [TAG]: 'number', value: Object.is(value, -0) ? '-0' : String(value) };
      case 'boolean':
        return value;
      case 'undefined':
        return { [TAG]: 'undefined' };
      case 'bigint':
        return { [TAG]: 'bigint', value: value.toString() };
      case 'symbol':
        return { [TAG]: 'symbol', description: value.description ?? '' };
      case 'function':
        return { [TAG]: 'function', name: value.name };
    }
    if (value === null) return null;
    const object = value as object;
    const primitive = unboxed(object);
    if (primitive !== undefined) return encode(primitive, path, depth);
    const seenAt = ancestors.get(object);
    if (seenAt !== undefined) return { [TAG]: 'cycle', path: seenAt };
    if (depth >= limits.maxDepth) {
      truncated = true;
      return { [TAG]: 'deep' };
    }
    return encodeObject(object, path, depth);
  }

  function push(object: object, path: string, next: () => Child | null): void {
    ancestors.set(object, path);
    frames.push({ object, next });
  }

  /** Reads at most `maxItems` items: the rest are counted from `size`, never walked. */
  function listFrame(
    object: object,
    items: Iterable<unknown>,
    size: number,
    path: string,
    depth: number,
  ): TypedValue[] {
    const out: TypedValue[] = [];
    const iterator = items[Symbol.iterator]();
    const kept = Math.min(size, limits.maxItems);
    let index = 0;
    push(object, path, () => {
      if (index < kept) {
        const step = iterator.next();
        if (!step.done) {
          const slot = index++;
          out.push(null);
          return {
            value: step.value,
            path: `${path}[${slot}]`,
            depth: depth + 1,
            put: (v) => (out[slot] = v),
          };
        }
      }
      if (size > limits.maxItems && index !== -1) {
        truncated = true;
        out.push({ [TAG]: 'more', count: size - limits.maxItems });
      }
      index = -1;
      return null;
    });
    return out;
  }

  /** Map entries as [key, value] pairs; a string key that looks secret has its value redacted. */
  function mapFrame(map: Map<unknown, unknown>, path: string, depth: number): TypedValue[] {
    const out: TypedValue[] = [];
    const iterator = map.entries();
    let count = 0;
    let pending: Child | null = null;
    push(map, path, () => {
      if (pending !== null) {
        const value = pending;
        pending = null;
        return value;
      }
      if (count >= limits.maxItems) {
        if (map.size > limits.maxItems && count === limits.maxItems) {
          truncated = true;
          out.push({ [TAG]: 'more', count: map.size - limits.maxItems });
          count++;
        }
        return null;
      }
      const step = iterator.next();
      if (step.done) return null;
      const [key, value] = step.value;
      const index = count++;
      // A String object is a string key too: `new String('password')` must not slip past the rule.
      const name = typeof key === 'string' ? key : key instanceof String ? key.valueOf() : undefined;
      const entryPath =
        name === undefined ? `${path}.entries[${index}][1]` : `${path}.get(${JSON.stringify(name)})`;
      const pair: TypedValue[] = [null, null];
      out.push(pair);
      if (name !== undefined && redact(name)) {
        redacted.push(entryPath);
        pair[1] = { [TAG]: 'redacted' };
      } else {
        pending = { value, path: entryPath, depth: depth + 1, put: (v) => (pair[1] = v) };
      }
      return {
        value: key,
        path: `${path}.entries[${index}][0]`,
        depth: depth + 1,
        put: (v) => (pair[0] = v),
      };
    });
    return out;
  }

  function entriesFrame(object: object, path: string, depth: number): { [key: string]: TypedValue } {
    const out: { [key: string]: TypedValue } = {};
    const keys = Object.keys(object);
    let index = 0;
    push(object, path, () => {
      while (index < keys.length) {
        if (index >= limits.maxItems) {
          truncated = true;
          out[`${TAG}more`] = { [TAG]: 'more', count: keys.length - limits.maxItems };
          index = keys.length;
          return null;
        }
        const key = keys[index++]!;
        const keyPath = childPath(path, key);
        if (redact(key)) {
          redacted.push(keyPath);
          define(out, key, { [TAG]: 'redacted' });
          continue;
        }
        let child: unknown;
        try {
          child = (object as Record<string, unknown>)[key];
        } catch (error) {
          child = error instanceof Error ? error : new Error(String(error));
        }
        define(out, key, null);
        return { value: child, path: keyPath, depth: depth + 1, put: (v) => define(out, key, v) };
      }
      return null;
    });
    return out;
  }

  function encodeObject(object: object, path: string, depth: number): TypedValue {
    if (Array.isArray(object)) return listFrame(object, object, object.length, path, depth);
    if (object instanceof Date) {
      const time = object.getTime();
      return { [TAG]: 'date', iso: Number.isNaN(time) ? null : object.toISOString() };
    }
    if (object instanceof Map) {
      return { [TAG]: 'map', size: object.size, entries: mapFrame(object, path, depth) };
    }
    if (object instanceof Set) {
      return {
        [TAG]: 'set',
        size: object.size,
        values: listFrame(object, object.values(), object.size, path, depth),
      };
    }
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
      return encodeBytes(object);
    }
    if (object instanceof RegExp) return { [TAG]: 'regexp', source: object.source, flags: object.flags };
    if (object instanceof Error) return { [TAG]: 'error', name: object.name, message: object.message };
    const proto: unknown = Object.getPrototypeOf(object);
    const ownTag = Object.prototype.hasOwnProperty.call(object, TAG);
    const entries = entriesFrame(object, path, depth);
    if (proto !== null && proto !== Object.prototype) {
      const className = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return { [TAG]: 'instance', className: typeof className === 'string' ? className : '', entries };
    }
    if (ownTag) return { [TAG]: 'object', entries };
    return entries;
  }

  function encodeBytes(view: ArrayBufferView | ArrayBuffer): TypedValue {
    const bytes =
      view instanceof ArrayBuffer
        ? new Uint8Array(view)
        : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const type = (view as { constructor: { name: string } }).constructor.name;
    const kept = bytes.subarray(0, limits.maxBytes);
    if (kept.length < bytes.length) truncated = true;
    return { [TAG]: 'bytes', type, length: bytes.length, base64url: base64url.encode(kept) };
  }

  const value = encode(input, '$', 0);
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const child = top.next();
    if (child === null) {
      frames.pop();
      ancestors.delete(top.object);
      continue;
    }
    child.put(encode(child.value, child.path, child.depth));
  }
  return { value, redacted, truncated };
}
