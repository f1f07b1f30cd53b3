import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';

/**
 * What a typed node holds, without copying: the Session tree, search and the printers all ask
 * this one function. A 1,000,000-item array is never turned into 1,000,000 label pairs: callers
 * read `size` and fetch only the children they show (`child(i)`).
 */
export interface Children {
  size: number;
  /** The label the tree shows (`[3]`, `name`, `"k" =>`) and the value at position i. */
  label(i: number): string;
  value(i: number): TypedValue;
  /** Raw key for objects (used to compare keys that look alike), undefined elsewhere. */
  key(i: number): string | undefined;
}

const EMPTY: TypedValue[] = [];

function keyed(entries: Record<string, TypedValue>): Children {
  const keys = Object.keys(entries);
  return {
    size: keys.length,
    label: (i) => keys[i]!,
    value: (i) => entries[keys[i]!]!,
    key: (i) => keys[i],
  };
}

function listed(items: readonly TypedValue[]): Children {
  return { size: items.length, label: (i) => `[${i}]`, value: (i) => items[i]!, key: () => undefined };
}

/** Children of a node, or null for a leaf (a string, a Date, a `more` mark…). */
export function childrenOf(value: TypedValue | undefined): Children | null {
  if (value === null || value === undefined || typeof value !== 'object') return null;
  if (Array.isArray(value)) return listed(value);
  const v = value as Record<string, TypedValue>;
  switch (tagOf(value)) {
    case undefined:
      return keyed(v);
    case 'object':
    case 'instance':
      return keyed(isRecord(v.entries) ? v.entries : {});
    case 'map': {
      const entries = Array.isArray(v.entries) ? v.entries : EMPTY;
      return {
        size: entries.length,
        label: (i) => {
          const pair = entries[i];
          return Array.isArray(pair) ? `${mapKeyText(pair[0]!)} =>` : `[${i}]`;
        },
        value: (i) => {
          const pair = entries[i]!;
          return Array.isArray(pair) ? pair[1]! : pair;
        },
        key: () => undefined,
      };
    }
    case 'set':
      return listed(Array.isArray(v.values) ? v.values : EMPTY);
    default:
      return null;
  }
}

function isRecord(v: TypedValue | undefined): v is Record<string, TypedValue> {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** A map key as a label: strings quoted, anything else as its type. Short by design. */
function mapKeyText(key: TypedValue): string {
  if (typeof key === 'string') return JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key);
  if (key === null || typeof key !== 'object') return String(key);
  return Array.isArray(key) ? `Array(${key.length})` : `{${tagOf(key) ?? 'object'}}`;
}

/** A server's cut mark standing in for the keys it left out (PROTOCOL.md §5.4): never a key. */
export const MORE_KEY = '$ssmore';

/** The count of a `$ssmore` mark if this entry is one, else undefined. */
export function moreMark(key: string | undefined, value: TypedValue): number | undefined {
  if (key !== MORE_KEY || tagOf(value) !== 'more') return undefined;
  const count = (value as { count?: unknown }).count;
  return typeof count === 'number' ? count : undefined;
}
