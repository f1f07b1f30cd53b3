/**
 * Flask's tagged JSON (flask/json/tag.py) resolved into the typed-value vocabulary.
 *
 * Flask wraps what JSON cannot hold in a one-key object whose key is a tag. Python's loader
 * (`object_hook=untag`) replaces every one-key object whose key is a registered tag; we do the same,
 * top-down, which is equivalent because the test looks only at the object's own key.
 *
 *   ` d`  datetime (HTTP date)       -> {"$ss":"date","iso":…}  (existing tag; second precision,
 *                                       as Flask stores it; iso null where Flask gets None)
 *   ` b`  bytes (standard base64)    -> {"$ss":"bytes","type":"bytes","length":n,"base64url":…}
 *   ` t`  tuple                      -> {"$ss":"instance","className":"tuple","entries":{"0":…,"1":…}}
 *   ` m`  markupsafe.Markup          -> {"$ss":"instance","className":"Markup","entries":{"value":html}}
 *   ` u`  uuid.UUID (32 hex digits)  -> {"$ss":"instance","className":"UUID","entries":{"value":"8-4-4-4-12"}}
 *   ` di` a dict whose only key is a tag: `{" di":{" t__":v}}` -> {" t": v}
 *
 * Why `instance` rather than new `$ss` tags for tuple, Markup and UUID: the vocabulary already has a
 * node for "a value of class X with these fields", every renderer of it shows the class name, and
 * no other part of the panel needs to tell a tuple from a list. Entries keyed "0", "1", … keep a
 * tuple's order (integer-like keys enumerate in ascending order).
 */

import { TAG, type TypedValue } from '../../../protocol/src/typed-value.js';
import { decodeBase64, encodeBase64Url } from './base64.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { isoFromMs, parseHttpDate } from './time.js';
import { typedObject } from './to-typed.js';

export const FLASK_TAGS = [' di', ' t', ' b', ' m', ' u', ' d'] as const;
export type FlaskTag = (typeof FLASK_TAGS)[number];

/** Thrown inside the walk and caught by the Flask decoder: Python would fail to load this too. */
export class FlaskTagError extends Error {}

function isFlaskTag(key: string): key is FlaskTag {
  return (FLASK_TAGS as readonly string[]).includes(key);
}

function instance(className: string, entries: Iterable<readonly [string, TypedValue]>): TypedValue {
  return { [TAG]: 'instance', className, entries: typedObject(entries) };
}

function expectString(tag: FlaskTag, value: JsonValue): string {
  if (typeof value !== 'string') throw new FlaskTagError(`Flask tag '${tag}' holds a non-string.`);
  return value;
}

function uuidText(hex: string): string | undefined {
  // Python's UUID() also takes braces, hyphens and a urn:uuid: prefix; Flask always writes `.hex`.
  const digits = hex.replace(/^urn:uuid:/i, '').replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(digits)) return undefined;
  const d = digits.toLowerCase();
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}

function untag(tag: FlaskTag, value: JsonValue, convert: (value: JsonValue) => TypedValue): TypedValue {
  switch (tag) {
    case ' di': {
      const first = isJsonObject(value) ? [...value][0] : undefined;
      if (!first) throw new FlaskTagError("Flask tag ' di' holds no key.");
      const [key, child] = first;
      return typedObject([[key.slice(0, -2), convert(child)]]); // Python: {key[:-2]: value[key]}
    }
    case ' t': {
      if (!Array.isArray(value)) throw new FlaskTagError("Flask tag ' t' (tuple) holds a non-list.");
      return instance(
        'tuple',
        value.map((item, index) => [String(index), convert(item)] as const),
      );
    }
    case ' b': {
      const bytes = decodeBase64(expectString(tag, value), 'standard');
      if (!bytes) throw new FlaskTagError("Flask tag ' b' (bytes) holds invalid base64.");
      return { [TAG]: 'bytes', type: 'bytes', length: bytes.length, base64url: encodeBase64Url(bytes) };
    }
    case ' m':
      return instance('Markup', [['value', expectString(tag, value)]]);
    case ' u': {
      const text = uuidText(expectString(tag, value));
      if (!text) throw new FlaskTagError("Flask tag ' u' (UUID) does not hold 32 hex digits.");
      return instance('UUID', [['value', text]]);
    }
    case ' d': {
      const ms = parseHttpDate(expectString(tag, value));
      return { [TAG]: 'date', iso: ms === undefined ? null : isoFromMs(ms) };
    }
  }
}

/** The `objectHook` for {@link toTyped} that resolves Flask's tags. */
export function flaskObjectHook(
  object: JsonObject,
  convert: (value: JsonValue) => TypedValue,
): TypedValue | undefined {
  if (object.size !== 1) return undefined;
  const [key, value] = [...object][0]!;
  return isFlaskTag(key) ? untag(key, value, convert) : undefined;
}
