import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';
import { count, cutText } from '../values/cut-text.js';

/**
 * One-line text of a typed value, as the diff printer, the Diff view and the Session tree show it:
 * `Date 2026-01-01T00:00:00.000Z`, `12n`, `Map(2)`, `<redacted>`, `{user: "ann", at: Date …}`.
 * Containers are previewed in JavaScript notation with their typed children written the same way:
 * the wire encoding (`{"$ss":…}`) never reaches the reader. Long text is cut to `max`.
 */
export function formatValue(value: TypedValue | undefined, max = 120): string {
  if (value === undefined) return '(absent)';
  if (tagOf(value) === 'truncated') {
    // The server's note says how much it cut: the preview gives way, the note never does.
    const note = truncatedNote(value as Record<string, TypedValue>);
    const preview = (value as { preview?: unknown }).preview;
    return `${cut(JSON.stringify(typeof preview === 'string' ? preview.slice(0, max + 2) : ''), Math.max(8, max - note.length))}${note}`;
  }
  const out: string[] = [];
  // A budget a little past `max` is enough to know the text must be cut.
  write(value, out, { left: max + 1 }, 0);
  return cut(out.join(''), max);
}

/** Cut on a grapheme boundary (never half an emoji): the `…` says a preview ends here. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${cutText(text, max - 1).shown}…`;
}

interface Budget {
  left: number;
}

/** Nesting shown in a one-line preview before `{…}` stands for the rest. */
const PREVIEW_DEPTH = 3;
const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

function emit(text: string, out: string[], budget: Budget): boolean {
  out.push(text);
  budget.left -= text.length;
  return budget.left > 0;
}

function write(value: TypedValue, out: string[], budget: Budget, depth: number): boolean {
  // A 10 MB string is cut before it is quoted: a preview never copies more than it shows.
  if (typeof value === 'string' && value.length > budget.left + 2)
    return emit(JSON.stringify(value.slice(0, budget.left + 2)), out, budget);
  if (value === null || typeof value !== 'object') return emit(JSON.stringify(value), out, budget);
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]', out, budget);
    if (depth >= PREVIEW_DEPTH) return emit(`Array(${value.length})`, out, budget);
    return list(
      '[',
      ']',
      value.length,
      () => null,
      (i) => value[i]!,
      out,
      budget,
      depth,
    );
  }
  const tag = tagOf(value);
  if (tag === undefined) return object(value, out, budget, depth);
  const v = value as Record<string, TypedValue>;
  if (tag === 'object') return object((v.entries ?? {}) as Record<string, TypedValue>, out, budget, depth);
  if (tag === 'instance') {
    const className = String(v.className) || 'Object';
    const fields = (
      v.entries !== null && typeof v.entries === 'object' && !Array.isArray(v.entries) ? v.entries : {}
    ) as Record<string, TypedValue>;
    const keys = Object.keys(fields);
    // Python values arrive as instances (PROTOCOL.md §5.2): a tuple reads as one, a class holding
    // a single `value` (Markup, UUID, Decimal, date) reads as that value.
    if (className === 'tuple') {
      if (!emit(`tuple(${keys.length}) `, out, budget)) return false;
      const items = keys.map((k) => fields[k]!);
      return write(items, out, budget, depth);
    }
    if (
      keys.length === 1 &&
      keys[0] === 'value' &&
      (fields.value === null || typeof fields.value !== 'object')
    ) {
      return emit(`${className} ${JSON.stringify(fields.value)}`, out, budget);
    }
    if (!emit(`${className} `, out, budget)) return false;
    return object(fields, out, budget, depth);
  }
  return emit(leaf(tag, v), out, budget);
}

function object(entries: Record<string, TypedValue>, out: string[], budget: Budget, depth: number): boolean {
  const keys = Object.keys(entries);
  if (keys.length === 0) return emit('{}', out, budget);
  if (depth >= PREVIEW_DEPTH) return emit('{…}', out, budget);
  const label = (i: number) => (PLAIN_KEY.test(keys[i]!) ? keys[i]! : JSON.stringify(keys[i]!));
  return list('{', '}', keys.length, label, (i) => entries[keys[i]!]!, out, budget, depth);
}

function list(
  open: string,
  close: string,
  size: number,
  keyAt: (i: number) => string | null,
  valueAt: (i: number) => TypedValue,
  out: string[],
  budget: Budget,
  depth: number,
): boolean {
  // Items are fetched one by one: the budget stops a 1,000,000-item array after a few.
  if (!emit(open, out, budget)) return false;
  for (let i = 0; i < size; i++) {
    const key = keyAt(i);
    if (i > 0 && !emit(', ', out, budget)) return false;
    if (key !== null && !emit(`${key}: `, out, budget)) return false;
    if (!write(valueAt(i), out, budget, depth + 1)) return false;
  }
  return emit(close, out, budget);
}

/** The text of a typed leaf (every `$ss` tag but the `object`/`instance` containers). */
function leaf(tag: string, v: Record<string, TypedValue>): string {
  switch (tag) {
    case 'date':
      return v.iso === null ? 'Invalid Date' : `Date ${String(v.iso)}`;
    case 'bigint':
      return `${String(v.value)}n`;
    case 'undefined':
      return 'undefined';
    case 'number':
      return String(v.value);
    case 'map':
      return `Map(${String(v.size)})`;
    case 'set':
      return `Set(${String(v.size)})`;
    case 'bytes':
      return `${String(v.type)}(${String(v.length)} bytes)`;
    case 'cycle':
      return `[cycle → ${String(v.path)}]`;
    case 'redacted':
      return '<redacted>';
    case 'truncated':
      return `${JSON.stringify(v.preview)}${truncatedNote(v)}`;
    case 'more':
      return `… ${String(v.count)} more (cut by the server)`;
    case 'deep':
      return "[nested deeper: cut by the server's maxDepth]";
    case 'function':
      return `ƒ ${String(v.name) || '(anonymous)'}`;
    case 'symbol':
      return `Symbol(${String(v.description)})`;
    case 'regexp':
      return `/${String(v.source)}/${String(v.flags)}`;
    case 'error':
      return `${String(v.name)}: ${String(v.message)}`;
    default:
      return `<${tag}>`;
  }
}

/** ` (200,000 chars; the server sent the first 4,096)`: what was cut and how much, in full. */
export function truncatedNote(v: Record<string, TypedValue>): string {
  const length = typeof v.length === 'number' ? v.length : 0;
  const sent = typeof v.preview === 'string' ? v.preview.length : 0;
  return `… (${count(length)} chars; the server sent the first ${count(sent)})`;
}
