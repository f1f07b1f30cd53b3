/**
 * Parsed JSON to the panel's typed-value vocabulary (protocol/src/typed-value.ts).
 *
 * Plain JSON passes through; what JSON.parse would have lost becomes a `$ss` node:
 * big integers `{"$ss":"bigint"}` (for Python-made JSON), NaN/±Infinity and -0
 * `{"$ss":"number"}`, and an object that has its own `$ss` key `{"$ss":"object","entries":…}`.
 */

import { TAG, type TypedValue } from '../../../protocol/src/typed-value.js';
import { JsonNumber, type JsonObject, type JsonValue } from './json.js';

export interface ToTypedOptions {
  /**
   * What an integer past 2^53 is: `bigint` when the writer had exact integers (Python), `number`
   * when it wrote a JS number (JSON.stringify(2 ** 60) has no exponent but is still a number).
   */
  bigIntegers: 'bigint' | 'number';
  /** Looked at first for every object; a TypedValue replaces the object (Flask's tags). */
  objectHook?: (object: JsonObject, convert: (value: JsonValue) => TypedValue) => TypedValue | undefined;
}

export function toTyped(value: JsonValue, options: ToTypedOptions): TypedValue {
  function convert(node: JsonValue): TypedValue {
    if (node === null || typeof node === 'boolean' || typeof node === 'string') return node;
    if (typeof node === 'number') return Object.is(node, -0) ? { [TAG]: 'number', value: '-0' } : node;
    if (node instanceof JsonNumber) {
      if (node.kind === 'nonfinite') return { [TAG]: 'number', value: node.text };
      return options.bigIntegers === 'bigint' ? { [TAG]: 'bigint', value: node.text } : Number(node.text);
    }
    if (Array.isArray(node)) return node.map(convert);
    const hooked = options.objectHook?.(node, convert);
    if (hooked !== undefined) return hooked;
    return typedObject([...node].map(([key, child]) => [key, convert(child)]));
  }
  return convert(value);
}

/**
 * An object node from entries, escaped as the vocabulary requires when a key is `$ss`. Keys are
 * defined, not assigned, so `__proto__` stays an ordinary key.
 */
export function typedObject(entries: Iterable<readonly [string, TypedValue]>): TypedValue {
  const out: { [key: string]: TypedValue } = {};
  let hasTagKey = false;
  for (const [key, value] of entries) {
    if (key === TAG) hasTagKey = true;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return hasTagKey ? { [TAG]: 'object', entries: out } : out;
}
