import type { BrowserProfile } from './profiles.js';
import { utf8Length } from './bytes.js';

/**
 * RFC 6265bis §5.6: one Set-Cookie header value → name, value and the attribute list, as the
 * user agent reads it. Nothing here decides storage (see verdict.ts); a line the parser
 * itself throws away carries `failure`.
 *
 * Written for speed as well as clarity (the panel judges every Set-Cookie of a history, values
 * up to 4 KB): one native regex scan of the line decides the common case (ASCII, no control
 * character), attributes are cut with indexOf, and the attribute that counts for each key is
 * found once, here, instead of by a search per question. A server sends the same attribute
 * list again and again (`; Path=/; HttpOnly; SameSite=Lax` on every session renewal), so what
 * an attribute list says is remembered per list and per browser: most lines only split off
 * their name and value.
 */

export type AttributeKey =
  'expires' | 'max-age' | 'domain' | 'path' | 'secure' | 'httponly' | 'samesite' | 'partitioned' | 'priority';

/** Attribute names the browsers know, by their lower-case spelling. */
const KNOWN = new Map<string, AttributeKey>(
  (
    [
      'expires',
      'max-age',
      'domain',
      'path',
      'secure',
      'httponly',
      'samesite',
      'partitioned',
      'priority',
    ] as const
  ).map((key) => [key, key]),
);

/** For each known attribute, the value of the one that counts: the last of its kind the browser did not skip (§5.7). */
export type LastAttributes = Record<AttributeKey, string | null>;

export interface ParsedLine {
  raw: string;
  name: string;
  value: string;
  /** UTF-8 octets of name + value. */
  bytes: number;
  /** Shared by lines with the same attribute list: read only. */
  last: Readonly<LastAttributes>;
  /** Known attributes the browser skipped (§5.6: values over 1024 octets), by name as written, in order. */
  ignored: readonly string[] | null;
  failure: ParseFailure | null;
}

export type ParseFailure =
  | { code: 'empty' }
  | { code: 'empty-name' }
  | { code: 'control-char'; where: 'name' | 'value' | 'line'; char: number }
  | { code: 'too-big'; bytes: number };

/** One literal, so every line's attribute record has the same shape (and no spread copies it). */
const noAttributes = (): LastAttributes => ({
  expires: null,
  'max-age': null,
  domain: null,
  path: null,
  secure: null,
  httponly: null,
  samesite: null,
  partitioned: null,
  priority: null,
});

/** A line without attributes (most deletions, many session ids) shares this one. */
const NO_ATTRIBUTES: Readonly<LastAttributes> = Object.freeze(noAttributes());

const isWsp = (code: number) => code === 0x20 || code === 0x09;

/** s.slice(start, end) without leading and trailing WSP (SP, HTAB), by index: no regex over 4 KB values. */
function trimmed(s: string, start: number, end: number): string {
  while (start < end && isWsp(s.charCodeAt(start))) start++;
  while (end > start && isWsp(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const NON_ASCII = /[^\x00-\x7f]/;
const CONTROL_OR_TAB = /[\x00-\x1f\x7f]/;
/** Anything but printable ASCII and space: a line without one needs no further character checks. */
const UNUSUAL = /[^\x20-\x7e]/;

/** First control character the browser refuses in `text` (CTLs; HTAB only where `tab` says), or -1. */
function firstControl(text: string, tab: boolean): number {
  const match = (tab ? CONTROL_OR_TAB : CONTROL).exec(text);
  return match ? match[0].charCodeAt(0) : -1;
}

/** What an attribute list (from the first ";" on) says, as parseAttributes reads it: a pure function of the list and the browser. */
interface Attributes {
  last: LastAttributes;
  ignored: string[] | null;
}

/** Attribute lists already read, per browser profile. Bounded: cleared when full (a long history of ever-new Expires dates). */
const attributeCache = new WeakMap<BrowserProfile, Map<string, Attributes>>();
const ATTRIBUTE_CACHE_LIMIT = 2048;
/** Longer lists (a 4 kB Path or SameSite) are read each time: hashing them would cost as much as reading them. */
const CACHED_LIST_LENGTH = 256;

function attributesOf(raw: string, semi: number, ascii: boolean, profile: BrowserProfile): Attributes {
  if (raw.length - semi > CACHED_LIST_LENGTH) return parseAttributes(raw, semi, ascii, profile);
  let cache = attributeCache.get(profile);
  if (cache === undefined) attributeCache.set(profile, (cache = new Map()));
  const list = raw.slice(semi);
  let attributes = cache.get(list);
  if (attributes === undefined) {
    // `ascii` only chooses how octets are counted; for an all-ASCII list both ways agree, so the result depends on the list alone.
    attributes = parseAttributes(list, 0, ascii || !NON_ASCII.test(list), profile);
    if (cache.size >= ATTRIBUTE_CACHE_LIMIT) cache.clear();
    cache.set(list, attributes);
  }
  return attributes;
}

/** Whole lines already read, per browser profile: many headers repeat exactly (preferences, consent, deletions). */
const lineCache = new WeakMap<BrowserProfile, Map<string, ParsedLine>>();

/** `raw` as the browser reads it. A ParsedLine may be shared by every header with the same text: read only. */
export function parseLine(raw: string, profile: BrowserProfile): ParsedLine {
  if (raw.length > CACHED_LIST_LENGTH) return readLine(raw, profile);
  let cache = lineCache.get(profile);
  if (cache === undefined) lineCache.set(profile, (cache = new Map()));
  let line = cache.get(raw);
  if (line === undefined) {
    line = readLine(raw, profile);
    if (cache.size >= ATTRIBUTE_CACHE_LIMIT) cache.clear();
    cache.set(raw, line);
  }
  return line;
}

function readLine(raw: string, profile: BrowserProfile): ParsedLine {
  const semi = raw.indexOf(';');
  const pairEnd = semi === -1 ? raw.length : semi;
  const eq = raw.indexOf('=');
  const hasEq = eq !== -1 && eq < pairEnd;
  // §5.6 step 3: no "=" → a nameless cookie whose value is the whole pair (Firefox: a name, empty value).
  const bare = hasEq ? null : trimmed(raw, 0, pairEnd);
  const name = bare !== null ? (profile.pairWithoutEquals === 'name' ? bare : '') : trimmed(raw, 0, eq);
  const value =
    bare !== null ? (profile.pairWithoutEquals === 'name' ? '' : bare) : trimmed(raw, eq + 1, pairEnd);
  // One scan of the whole line for the common case (printable ASCII only); the parts only when needed.
  const plain = !UNUSUAL.test(raw);
  const ascii = plain || !NON_ASCII.test(raw);
  const bytes = ascii ? name.length + value.length : utf8Length(name) + utf8Length(value);
  const line: ParsedLine = { raw, name, value, bytes, last: NO_ATTRIBUTES, ignored: null, failure: null };
  if (semi !== -1) {
    const attributes = attributesOf(raw, semi, ascii, profile);
    line.last = attributes.last;
    line.ignored = attributes.ignored;
  }
  const tab = !profile.allowsTabInNameValue;
  const clean = plain || !(tab ? CONTROL_OR_TAB : CONTROL).test(raw);
  const nameControl = clean ? -1 : firstControl(name, tab);
  const valueControl = clean || nameControl !== -1 ? -1 : firstControl(value, tab);
  const lineControl =
    !clean && profile.controlCharsAnywhere && semi !== -1 ? firstControl(raw.slice(semi), false) : -1;
  if (nameControl !== -1) line.failure = { code: 'control-char', where: 'name', char: nameControl };
  else if (valueControl !== -1) line.failure = { code: 'control-char', where: 'value', char: valueControl };
  else if (lineControl !== -1) line.failure = { code: 'control-char', where: 'line', char: lineControl };
  else if (name === '' && value === '') line.failure = { code: 'empty' };
  else if (name === '' && bare === null && !profile.allowsEmptyName) line.failure = { code: 'empty-name' };
  else if (bytes > profile.maxNameValueBytes) line.failure = { code: 'too-big', bytes };
  return line;
}

/** The cookie-av list after the first ";" of `raw` (at `semi`). Shared between lines: never changed after. */
function parseAttributes(raw: string, semi: number, ascii: boolean, profile: BrowserProfile): Attributes {
  const last = noAttributes();
  let ignored: string[] | null = null;
  for (let start = semi + 1; start <= raw.length;) {
    const next = raw.indexOf(';', start);
    const end = next === -1 ? raw.length : next;
    const av = trimmed(raw, start, end);
    start = end + 1;
    if (av === '') continue;
    const eq = av.indexOf('=');
    const name = eq === -1 ? av : trimmed(av, 0, eq);
    const key = name.length >= 4 && name.length <= 11 ? KNOWN.get(name.toLowerCase()) : undefined;
    if (key === undefined) continue;
    const value = eq === -1 ? '' : trimmed(av, eq + 1, av.length);
    // Over 1024 octets (§5.6): at most 3 UTF-8 octets per UTF-16 unit, so short values need no count.
    if (
      value.length > 341 &&
      !profile.attributeLimitExempt.includes(key) &&
      (ascii ? value.length : utf8Length(value)) > 1024
    )
      (ignored ??= []).push(name);
    else last[key] = value;
  }
  return { last, ignored };
}

/** The value of the attribute that counts, or null: the last one of its kind that the browser did not skip (§5.7). */
export function lastAttribute(line: ParsedLine, key: AttributeKey): string | null {
  return line.last[key];
}
