import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';
import { count } from '../values/cut-text.js';
import { formatValue, truncatedNote } from './format-value.js';

/** What "Copy as text" holds at most; past it the copy says where it stopped. */
export const COPY_LIMIT = 64 * 1024 * 1024;

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * The whole value in JavaScript notation, nothing previewed or cut (issue 13.3: "Copy as text"
 * copied 120 characters of every value without saying so). The walk keeps its own stack, so any
 * depth prints; past `limit` characters it stops and says so in the text itself.
 */
export function printValue(value: TypedValue | undefined, limit = COPY_LIMIT): string {
  if (value === undefined) return '(absent)';
  const out: string[] = [];
  let length = 0;
  const stack: (TypedValue | { text: string })[] = [value];
  const isText = (item: TypedValue | { text: string }): item is { text: string } =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && Object.getPrototypeOf(item) === TEXT;
  while (stack.length > 0) {
    if (length > limit) {
      out.push(`\n[copy cut at ${count(limit)} characters: the rest of this value is not in the copy]`);
      break;
    }
    const item = stack.pop()!;
    if (isText(item)) {
      out.push(item.text);
      length += item.text.length;
      continue;
    }
    const parts = expand(item);
    if (typeof parts === 'string') {
      out.push(parts);
      length += parts.length;
      continue;
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
}

const TEXT = {};
const text = (t: string): { text: string } =>
  Object.assign(Object.create(TEXT) as { text: string }, { text: t });

/** A leaf as its text, or a container as its pieces: brackets, keys and children in order. */
function expand(value: TypedValue): string | (TypedValue | { text: string })[] {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts: (TypedValue | { text: string })[] = [];
  const items = (open: string, close: string, list: readonly TypedValue[]) => {
    parts.push(text(open));
    list.forEach((v, i) => {
      if (i > 0) parts.push(text(', '));
      parts.push(v);
    });
    parts.push(text(close));
    return parts;
  };
  const keyed = (prefix: string, entries: Record<string, TypedValue>) => {
    const keys = Object.keys(entries);
    parts.push(text(`${prefix}{`));
    keys.forEach((k, i) => {
      parts.push(text(`${i > 0 ? ', ' : ''}${PLAIN_KEY.test(k) ? k : JSON.stringify(k)}: `));
      parts.push(entries[k]!);
    });
    parts.push(text('}'));
    return parts;
  };
  if (Array.isArray(value)) return items('[', ']', value);
  const v = value as Record<string, TypedValue>;
  const entries = (e: TypedValue | undefined) =>
    (e !== null && typeof e === 'object' && !Array.isArray(e) ? e : {}) as Record<string, TypedValue>;
  switch (tagOf(value)) {
    case undefined:
      return keyed('', v);
    case 'object':
      return keyed('', entries(v.entries));
    case 'instance':
      return keyed(`${String(v.className) || 'Object'} `, entries(v.entries));
    case 'map': {
      const pairs = Array.isArray(v.entries) ? v.entries : [];
      parts.push(text(`Map(${String(v.size)}) {`));
      pairs.forEach((pair, i) => {
        if (i > 0) parts.push(text(', '));
        if (Array.isArray(pair)) parts.push(pair[0]!, text(' => '), pair[1]!);
        else parts.push(pair);
      });
      parts.push(text('}'));
      return parts;
    }
    case 'set':
      return items(`Set(${String(v.size)}) [`, ']', Array.isArray(v.values) ? v.values : []);
    case 'truncated':
      return `${JSON.stringify(typeof v.preview === 'string' ? v.preview : '')}${truncatedNote(v)}`;
    default:
      return formatValue(value, Number.MAX_SAFE_INTEGER);
  }
}
