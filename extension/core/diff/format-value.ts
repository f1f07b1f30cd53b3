import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';

/**
 * One-line text of a typed value, as the diff printer, the Diff view and the Session tree show it:
 * `Date 2026-01-01T00:00:00.000Z`, `12n`, `Map(2)`, `<redacted>`, `{user: "ann", at: Date …}`.
 * Containers are previewed in JavaScript notation with their typed children written the same way:
 * the wire encoding (`{"$ss":…}`) never reaches the reader. Long text is cut to `max`.
 */
export function formatValue(value: TypedValue | undefined, max = 120): string {
  if (value === undefined) return '(absent)';
  const out: string[] = [];
  // A budget a little past `max` is enough to know the text must be cut.
  write(value, out, { left: max + 1 }, 0);
  return cut(out.join(''), max);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
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
  if (value === null || typeof value !== 'object') return emit(JSON.stringify(value), out, budget);
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]', out, budget);
    if (depth >= PREVIEW_DEPTH) return emit(`Array(${value.length})`, out, budget);
    return list(
      '[',
      ']',
      value.map((v) => [null, v] as const),
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
    const fields = (v.entries !== null && typeof v.entries === 'object' && !Array.isArray(v.entries) ? v.entries : {}) as Record<string, TypedValue>;
    const keys = Object.keys(fields);
    // Python values arrive as instances (PROTOCOL.md §5.2): a tuple reads as one, a class holding
    // a single `value` (Markup, UUID, Decimal, date) reads as that value.
    if (className === 'tuple') {
      if (!emit(`tuple(${keys.length}) `, out, budget)) return false;
      return write(keys.map((k) => fields[k]!), out, budget, depth);
    }
    if (keys.length === 1 && keys[0] === 'value' && (fields.value === null || typeof fields.value !== 'object')) {
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
  const pairs = keys.map((k) => [PLAIN_KEY.test(k) ? k : JSON.stringify(k), entries[k]!] as const);
  return list('{', '}', pairs, out, budget, depth);
}

function list(
  open: string,
  close: string,
  items: readonly (readonly [string | null, TypedValue])[],
  out: string[],
  budget: Budget,
  depth: number,
): boolean {
  if (!emit(open, out, budget)) return false;
  for (const [i, [key, child]] of items.entries()) {
    if (i > 0 && !emit(', ', out, budget)) return false;
    if (key !== null && !emit(`${key}: `, out, budget)) return false;
    if (!write(child, out, budget, depth + 1)) return false;
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
      return `${JSON.stringify(v.preview)}… (${String(v.length)} chars, truncated)`;
    case 'more':
      return `… ${String(v.count)} more`;
    case 'deep':
      return '[nested too deep]';
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
