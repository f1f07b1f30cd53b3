import type { BrowserProfile } from './profiles.js';
import { utf8Length } from './bytes.js';

/**
 * RFC 6265bis §5.6: one Set-Cookie header value → name, value and the attribute list, as the
 * user agent reads it. Nothing here decides storage (see verdict.ts); a line the parser
 * itself throws away carries `failure`.
 */

export type AttributeKey =
  'expires' | 'max-age' | 'domain' | 'path' | 'secure' | 'httponly' | 'samesite' | 'partitioned' | 'priority';

const KNOWN: readonly AttributeKey[] = [
  'expires',
  'max-age',
  'domain',
  'path',
  'secure',
  'httponly',
  'samesite',
  'partitioned',
  'priority',
];

export interface ParsedAttribute {
  /** As written, trimmed. */
  name: string;
  value: string;
  key: AttributeKey | null;
  /** Why the browser skips this attribute, when it does (§5.6: values over 1024 octets). */
  ignored: 'too-long' | null;
}

export interface ParsedLine {
  raw: string;
  name: string;
  value: string;
  /** UTF-8 octets of name + value. */
  bytes: number;
  attributes: ParsedAttribute[];
  failure: ParseFailure | null;
}

export type ParseFailure =
  | { code: 'empty' }
  | { code: 'empty-name' }
  | { code: 'control-char'; where: 'name' | 'value' | 'line'; char: number }
  | { code: 'too-big'; bytes: number };

/** Removes leading and trailing WSP (SP, HTAB), by index: no regex over 4 KB values. */
function trim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const NON_ASCII = /[^\x00-\x7f]/;
const CONTROL_OR_TAB = /[\x00-\x1f\x7f]/;

/** First control character the browser refuses in `text` (CTLs; HTAB only where `tab` says), or -1. */
function firstControl(text: string, tab: boolean): number {
  // A native regex scan: a per-character loop over 4 KB values was the engine's hot spot.
  const match = (tab ? CONTROL_OR_TAB : CONTROL).exec(text);
  return match ? match[0].charCodeAt(0) : -1;
}

export function parseLine(raw: string, profile: BrowserProfile): ParsedLine {
  const semi = raw.indexOf(';');
  const pair = semi === -1 ? raw : raw.slice(0, semi);
  const rest = semi === -1 ? '' : raw.slice(semi);
  const eq = pair.indexOf('=');
  // §5.6 step 3: no "=" → a nameless cookie whose value is the whole pair (Firefox: a name, empty value).
  const bare = eq === -1 ? trim(pair) : null;
  const name = bare !== null ? (profile.pairWithoutEquals === 'name' ? bare : '') : trim(pair.slice(0, eq));
  const value = bare !== null ? (profile.pairWithoutEquals === 'name' ? '' : bare) : trim(pair.slice(eq + 1));
  // One scan of the whole line for the common case (ASCII, no control character); the parts only when needed.
  const ascii = !NON_ASCII.test(raw);
  const bytes = ascii ? name.length + value.length : utf8Length(name) + utf8Length(value);
  const line: ParsedLine = {
    raw,
    name,
    value,
    bytes,
    attributes: parseAttributes(rest, profile),
    failure: null,
  };
  const tab = !profile.allowsTabInNameValue;
  const clean = !(tab ? CONTROL_OR_TAB : CONTROL).test(raw);
  const nameControl = clean ? -1 : firstControl(name, tab);
  const valueControl = clean || nameControl !== -1 ? -1 : firstControl(value, tab);
  const lineControl = !clean && profile.controlCharsAnywhere && rest !== '' ? firstControl(rest, false) : -1;
  if (nameControl !== -1) line.failure = { code: 'control-char', where: 'name', char: nameControl };
  else if (valueControl !== -1) line.failure = { code: 'control-char', where: 'value', char: valueControl };
  else if (lineControl !== -1) line.failure = { code: 'control-char', where: 'line', char: lineControl };
  else if (name === '' && value === '') line.failure = { code: 'empty' };
  else if (name === '' && bare === null && !profile.allowsEmptyName) line.failure = { code: 'empty-name' };
  else if (bytes > profile.maxNameValueBytes) line.failure = { code: 'too-big', bytes };
  return line;
}

function parseAttributes(rest: string, profile: BrowserProfile): ParsedAttribute[] {
  const out: ParsedAttribute[] = [];
  for (const av of rest.split(';')) {
    if (trim(av) === '') continue;
    const eq = av.indexOf('=');
    const name = trim(eq === -1 ? av : av.slice(0, eq));
    const value = eq === -1 ? '' : trim(av.slice(eq + 1));
    const lower = name.toLowerCase();
    const key = (KNOWN as readonly string[]).includes(lower) ? (lower as AttributeKey) : null;
    const limited = key === null || !profile.attributeLimitExempt.includes(key);
    out.push({ name, value, key, ignored: limited && utf8Length(value) > 1024 ? 'too-long' : null });
  }
  return out;
}

/** The attribute that counts: the last one of its kind that the browser did not skip (§5.7: "the last attribute"). */
export function lastAttribute(line: ParsedLine, key: AttributeKey): ParsedAttribute | null {
  for (let i = line.attributes.length - 1; i >= 0; i--) {
    const a = line.attributes[i]!;
    if (a.key === key && a.ignored === null) return a;
  }
  return null;
}
