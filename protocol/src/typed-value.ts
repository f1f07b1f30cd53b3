/**
 * Typed values: how session data that JSON cannot carry crosses the wire.
 *
 * Plain JSON (strings, finite numbers, booleans, null, arrays, plain objects)
 * passes through unchanged. Anything else becomes an object with a `$ss` tag:
 *
 *   {"$ss":"date","iso":"2026-01-01T00:00:00.000Z"}   {"$ss":"bigint","value":"12"}
 *   {"$ss":"undefined"}   {"$ss":"number","value":"NaN"}   {"$ss":"cycle","path":"$.a"}
 *   {"$ss":"map","entries":[[k,v]…]}   {"$ss":"set","values":[…]}
 *   {"$ss":"bytes","type":"Buffer","length":3,"base64url":"AQID"}
 *   {"$ss":"object","entries":{…}}   (a plain object that has its own "$ss" key)
 *   {"$ss":"instance","className":"Foo","entries":{…}}
 *   {"$ss":"redacted"}   {"$ss":"truncated","length":N,"preview":"…"}   {"$ss":"more","count":N}
 *   {"$ss":"deep"}   {"$ss":"function","name":"f"}   {"$ss":"symbol","description":"s"}
 *   {"$ss":"regexp","source":"a","flags":"g"}   {"$ss":"error","name":"E","message":"m"}
 */

import { base64url } from 'jose';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };
export type TypedValue = Plain;

export const TAG = '$ss';

export interface EncodeLimits {
  /** Strings longer than this are cut to a preview. */
  maxString: number;
  /** Arrays, maps and sets longer than this are cut, with a `more` marker. */
  maxItems: number;
  /** Nesting deeper than this becomes `{"$ss":"deep"}`. */
  maxDepth: number;
  /** Byte arrays longer than this keep only their length. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: EncodeLimits = {
  maxString: 4096,
  maxItems: 500,
  maxDepth: 32,
  maxBytes: 1024,
};

export interface EncodeOptions {
  limits?: Partial<EncodeLimits>;
  /** Keys whose values are replaced by `{"$ss":"redacted"}`, at any depth (see redact.ts). */
  redact?: (key: string) => boolean;
}

/**
 * A path as the payload prints it (`redacted`, `cycle`): `$` is the root, `.name` a key that is
 * an identifier, `["a.b"]` any other key (JSON string), `[2]` an array or Set position,
 * `.get("k")` the value under a Map's string key, `.entries[2][1]` / `.entries[2][0]` the value
 * and the key of a Map entry whose key is not a string.
 */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Cuts a string to at most `max` UTF-16 code units without splitting a surrogate pair. */
export function previewOf(text: string, max: number): string {
  let end = Math.min(max, text.length);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** The primitive inside a boxed String, Number or Boolean, or undefined for anything else. */
function unboxed(value: object): string | number | boolean | undefined {
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.valueOf();
  return undefined;
}

export interface EncodeResult {
  value: TypedValue;
  /** Paths (`$.user.password`) whose values were redacted. */
  redacted: string[];
  /** True if any limit cut something. */
  truncated: boolean;
  /**
   * True when `value` is the input itself as JSON sees it: nothing tagged, redacted or cut, every
   * container a plain object or array with no toJSON. Then `JSON.stringify(value)` is
   * `JSON.stringify(input)` (for input whose reads repeat: no getter or proxy answering
   * differently the second time), and a server need not print the input a second time.
   */
  exact: boolean;
}

/** Own data property even for `__proto__`: a session key must never become a prototype. */
function define(target: { [key: string]: TypedValue }, key: string, value: TypedValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Not an object: encode() reads no path and pushes no frame for it. */
function isLeaf(value: unknown): boolean {
  return value === null || typeof value !== 'object';
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
export function encodeTyped(input: unknown, options: EncodeOptions = {}): EncodeResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const redact = options.redact ?? (() => false);
  const redacted: string[] = [];
  let truncated = false;
  let exact = true;
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
        exact = false;
        return { [TAG]: 'number', value: Object.is(value, -0) ? '-0' : String(value) };
      case 'boolean':
        return value;
    }
    if (value === null) return null;
    // Everything below is tagged or unboxed: not what JSON.stringify would print for it.
    if (typeof value !== 'object') exact = false;
    switch (typeof value) {
      case 'undefined':
        return { [TAG]: 'undefined' };
      case 'bigint':
        return { [TAG]: 'bigint', value: value.toString() };
      case 'symbol':
        return { [TAG]: 'symbol', description: value.description ?? '' };
      case 'function':
        return { [TAG]: 'function', name: value.name };
    }
    const object = value as object;
    const primitive = unboxed(object);
    if (primitive !== undefined) {
      exact = false;
      return encode(primitive, path, depth);
    }
    const seenAt = ancestors.get(object);
    if (seenAt !== undefined) {
      exact = false;
      return { [TAG]: 'cycle', path: seenAt };
    }
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
      while (index !== -1 && index < kept) {
        const step = iterator.next();
        if (step.done) break;
        const slot = index++;
        const value: unknown = step.value;
        // A leaf is encoded here: no frame step, no path string (only containers need theirs).
        if (isLeaf(value)) {
          out.push(encode(value, '', depth + 1));
          continue;
        }
        out.push(null);
        return { value, path: `${path}[${slot}]`, depth: depth + 1, put: (v) => (out[slot] = v) };
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
        if (redact(key)) {
          redacted.push(childPath(path, key));
          define(out, key, { [TAG]: 'redacted' });
          continue;
        }
        let child: unknown;
        try {
          child = (object as Record<string, unknown>)[key];
        } catch (error) {
          child = error instanceof Error ? error : new Error(String(error));
        }
        // A leaf is encoded here: no frame step, no path string (only containers need theirs).
        if (isLeaf(child)) {
          define(out, key, encode(child, '', depth + 1));
          continue;
        }
        define(out, key, null);
        return {
          value: child,
          path: childPath(path, key),
          depth: depth + 1,
          put: (v) => define(out, key, v),
        };
      }
      return null;
    });
    return out;
  }

  function encodeObject(object: object, path: string, depth: number): TypedValue {
    if (Array.isArray(object)) {
      if (Object.getPrototypeOf(object) !== Array.prototype || 'toJSON' in object) exact = false;
      return listFrame(object, object, object.length, path, depth);
    }
    // A plain object (checked below) is printed by JSON as encoded; anything else is tagged.
    const wasExact = exact;
    exact = false;
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
    exact = wasExact && (proto === null || proto === Object.prototype) && !ownTag && !('toJSON' in object);
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
  return { value, redacted, truncated, exact: exact && !truncated && redacted.length === 0 };
}

/** The `$ss` tag of a typed node, or undefined for plain JSON. */
export function tagOf(value: TypedValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const tag = value[TAG];
  return typeof tag === 'string' ? tag : undefined;
}
