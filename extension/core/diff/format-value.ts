import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';

/**
 * One-line text of a typed value, as the diff printer and the tree show it:
 * `Date 2026-01-01T00:00:00.000Z`, `12n`, `Map(2)`, `<redacted>`. Long text is cut to `max`.
 */
export function formatValue(value: TypedValue | undefined, max = 120): string {
  return cut(describe(value), max);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function describe(value: TypedValue | undefined): string {
  if (value === undefined) return '(absent)';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `Array(${value.length}) ${inline(value, 80)}`;
  const v = value as Record<string, TypedValue>;
  switch (tagOf(value)) {
    case undefined:
      return `{…} ${inline(value, 80)}`;
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
    case 'instance':
      return describeInstance(String(v.className) || 'Object', v.entries);
    case 'object':
      return `{…} ${cut(JSON.stringify(v.entries), 80)}`;
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
      return JSON.stringify(value);
  }
}

/**
 * Python values arrive as instances (PROTOCOL.md §5.2): a tuple reads as one, a class holding a
 * single `value` (Markup, UUID, Decimal, date) reads as that value, anything else as its fields.
 */
function describeInstance(className: string, entries: TypedValue | undefined): string {
  const fields = entries !== null && typeof entries === 'object' && !Array.isArray(entries) ? entries : {};
  const keys = Object.keys(fields);
  if (className === 'tuple')
    return `tuple(${keys.length}) ${cut(JSON.stringify(keys.map((k) => fields[k])), 80)}`;
  if (keys.length === 1 && keys[0] === 'value' && typeof fields.value !== 'object') {
    return `${className} ${cut(JSON.stringify(fields.value), 100)}`;
  }
  return keys.length === 0 ? `${className} {}` : `${className} {…} ${inline(fields as TypedValue, 80)}`;
}

/**
 * A compact preview of a container, items described as the tree describes them (a tuple inside a
 * list reads `tuple(2) [...]`, not its `$ss` wire form); stops once `max` characters are reached.
 */
function inline(value: TypedValue, max: number): string {
  let out = '';
  const add = (text: string): boolean => {
    out += text;
    return out.length <= max;
  };
  const walk = (node: TypedValue, depth: number): boolean => {
    if (node === null || typeof node !== 'object') return add(JSON.stringify(node));
    const isList = Array.isArray(node);
    if (!isList && tagOf(node) !== undefined) return add(describe(node));
    if (depth > 3) return add(isList ? '[…]' : '{…}');
    if (!add(isList ? '[' : '{')) return false;
    const entries: [string, TypedValue][] = isList
      ? node.map((item, i) => [String(i), item])
      : Object.entries(node);
    for (let i = 0; i < entries.length; i++) {
      const [key, child] = entries[i]!;
      if (i > 0 && !add(',')) return false;
      if (!isList && !add(`${JSON.stringify(key)}:`)) return false;
      if (!walk(child, depth + 1)) return false;
    }
    return add(isList ? ']' : '}');
  };
  walk(value, 0);
  return cut(out, max);
}
