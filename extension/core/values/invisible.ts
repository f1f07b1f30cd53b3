/**
 * Characters that change what a reader sees without being seen themselves: bidi controls
 * (`U+202E` turns `abc‮dcba` into `abcabcd`), zero-width and other format characters, and
 * whitespace that looks like a space. DevTools shows these; so do we (issue 13.4), as escapes
 * like `⟨U+202E RLO⟩`, in keys and values, and never lets them reach the DOM raw.
 */

const NAMES: Record<number, string> = {
  0x00a0: 'NBSP',
  0x00ad: 'SHY',
  0x034f: 'CGJ',
  0x061c: 'ALM',
  0x115f: 'HANGUL FILLER',
  0x1160: 'HANGUL FILLER',
  0x180e: 'MVS',
  0x200b: 'ZWSP',
  0x200c: 'ZWNJ',
  0x200d: 'ZWJ',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x2028: 'LINE SEP',
  0x2029: 'PARA SEP',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x202f: 'NNBSP',
  0x205f: 'MMSP',
  0x2060: 'WJ',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'BOM/ZWNBSP',
  0xffa0: 'HANGUL FILLER',
};

/**
 * Format (Cf) and control (Cc) characters, separators other than the plain space, and the blank
 * letters that render as nothing. Tab and newline are controls too: in a one-line value they hide
 * text just as well.
 */
const HIDDEN =
  /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u034f\u180e]/gu;

export type Part = { text: string } | { escape: string; code: number };

function escapeOf(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES[code];
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

/** The text split into plain runs and escapes, in order. Plain text comes back as one part. */
export function revealParts(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    const at = match.index;
    const code = match[0].codePointAt(0)!;
    if (code === 0x200d && joinsEmoji(text, at)) continue; // 👨‍👩‍👧: a ZWJ inside an emoji is the emoji
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ escape: escapeOf(code), code });
    last = at + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

function joinsEmoji(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at).replace(/\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu, '');
  const after = text.slice(at + 1, at + 3);
  return PICTOGRAPH.test([...before].pop() ?? '') && PICTOGRAPH.test([...after][0] ?? '');
}

/** One string with every hidden character written as `⟨U+202E RLO⟩`: for copies and titles. */
export function revealText(text: string): string {
  return revealParts(text)
    .map((p) => ('text' in p ? p.text : `⟨${p.escape}⟩`))
    .join('');
}

export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}

/** What a reader sees: hidden characters gone, look-alike spaces as spaces. */
export function visibleForm(text: string): string {
  return text.replace(HIDDEN, (c) => (/[\p{Zs}\u2028\u2029]/u.test(c) ? ' ' : ''));
}

/**
 * Keys that a reader cannot tell apart (same visible form, different characters), e.g. `role`
 * and `role\u200b`. Returns the set of such keys; an ordinary object costs one pass, and only keys
 * with hidden characters are compared at all.
 */
export function lookAlikeKeys(keys: readonly string[]): Set<string> {
  const suspicious = keys.filter(hasHidden);
  if (suspicious.length === 0) return new Set();
  const byForm = new Map<string, string[]>();
  const forms = new Set(suspicious.map(visibleForm));
  for (const key of keys) {
    const form = hasHidden(key) ? visibleForm(key) : key;
    if (!forms.has(form)) continue;
    const group = byForm.get(form) ?? [];
    group.push(key);
    byForm.set(form, group);
  }
  const out = new Set<string>();
  for (const group of byForm.values()) if (group.length > 1) for (const key of group) out.add(key);
  return out;
}
