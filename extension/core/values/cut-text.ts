/**
 * Cuts that say what they cut (issue 13.3): on grapheme boundaries (Intl.Segmenter, so an emoji
 * sequence or a letter with its accents is never split into `�`), with the count left out.
 */

export interface Cut {
  /** The kept prefix, whole graphemes only. */
  shown: string;
  /** UTF-16 code units left out (what JavaScript's `length` and PROTOCOL.md §5.4 count). */
  left: number;
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/**
 * The longest prefix of whole graphemes within `max` code units. Reads only the segments it
 * keeps (plus one): a 10 MB string costs as much as its first `max` characters.
 */
export function cutText(text: string, max: number): Cut {
  if (text.length <= max) return { shown: text, left: 0 };
  let end = 0;
  if (segmenter) {
    // Segment a window a little past `max`: a grapheme is rarely longer than a few dozen units.
    const window = text.slice(0, max + 64);
    for (const { index, segment } of segmenter.segment(window)) {
      if (index + segment.length > max) break;
      end = index + segment.length;
    }
  } else {
    end = max;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
  }
  return { shown: text.slice(0, end), left: text.length - end };
}

const numbers = new Intl.NumberFormat('en-US');

/** `1,234,567`: counts in cut marks are read by people (one formatter: `toLocaleString` builds one per call). */
export function count(n: number): string {
  return numbers.format(n);
}

/** The mark for a cut: `… 199,700 more chars`. */
export function moreChars(left: number): string {
  return `… ${count(left)} more char${left === 1 ? '' : 's'}`;
}
