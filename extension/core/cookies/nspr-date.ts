import { utc } from './cookie-date.js';

/**
 * Firefox reads Expires with NSPR's PR_ParseTimeString (nsprpub/pr/src/misc/prtime.c), not
 * RFC 6265bis §5.1.1, and the oracle shows where that differs: numeric zones (+0500) and zone
 * names (PST, EST, CET…) shift the time, a date without a time is midnight, numeric dates
 * (2027/09/15, 9/15/27) are read, out-of-range fields roll over (31 Sep → 1 Oct), years before
 * 1601 are kept, and a 3-digit year is not a year. A zone-less date is GMT (Firefox passes
 * default_to_gmt). This is a re-statement of that algorithm, scanning characters as NSPR does.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Zone names NSPR knows: [offset minutes, DST minutes]. */
const ZONES: Record<string, [number, number]> = {
  pst: [-480, 0],
  pdt: [-480, 60],
  mst: [-420, 0],
  mdt: [-420, 60],
  cst: [-360, 0],
  cdt: [-360, 60],
  est: [-300, 0],
  edt: [-300, 60],
  ast: [-240, 0],
  nst: [-210, 0],
  gmt: [0, 0],
  bst: [0, 60],
  met: [60, 0],
  eet: [120, 0],
  jst: [540, 0],
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
/** Characters that end a word. */
const WORD_END = new Set([' ', '\t', ',', ';', '-', '+', '/', '(', ')', '[', ']']);
/** Characters skipped between words ('-' is handled on its own). */
const SEPARATORS = new Set([' ', '\t', ',', ';', '/', '(', ')', '[', ']']);

interface State {
  month: number;
  zone: [number, number] | null;
  zoneOffset: number | null;
  date: number;
  year: number;
  hour: number;
  min: number;
  sec: number;
  dotw: boolean;
}

function digitsAt(s: string, at: number): number {
  let end = at;
  while (isDigit(s[end])) end++;
  return end;
}

/** A word starting with a letter: month, zone or weekday by its first three letters. */
function readWord(s: string, at: number, st: State): void {
  const three = s.slice(at, at + 3).toLowerCase();
  if (st.month === -1 && MONTHS.includes(three)) st.month = MONTHS.indexOf(three);
  else if (st.zone === null && ZONES[three] && three.length === 3) st.zone = ZONES[three]!;
  else if (!st.dotw && DAYS.includes(three)) st.dotw = true;
  else if (st.zone === null && three.startsWith('ut') && !isAlpha(s[at + 2])) st.zone = ZONES.gmt!;
}

/** "+hhmm", "+hh", "+h" (or "-"): a numeric zone, when no zone other than GMT was named. Returns the next index. */
function readOffset(s: string, at: number, st: State): number {
  const next = at + 1;
  if (st.zoneOffset !== null || (st.zone !== null && st.zone !== ZONES.gmt)) return next;
  const end = digitsAt(s, next);
  const d = s.slice(next, end);
  let minutes: number;
  if (d.length === 4) minutes = Number(d.slice(0, 2)) * 60 + Number(d.slice(2));
  else if (d.length === 2 || d.length === 1) minutes = Number(d) * 60;
  else return next;
  st.zoneOffset = s[at] === '+' ? minutes : -minutes;
  st.zone = ZONES.gmt!;
  return next;
}

/** h:m[:s] with an optional am/pm. Returns the index after it, or null when it is not a time. */
function readTime(s: string, at: number, end: number, st: State): number | null {
  if (st.hour >= 0 && st.min >= 0) return null;
  if (end - at > 2) return null;
  let hour = Number(s.slice(at, end));
  let p = end + 1;
  let q = digitsAt(s, p);
  if (q === p || q - p > 2) return null;
  const min = Number(s.slice(p, q));
  p = q;
  if (s[p] === ':') p++;
  q = digitsAt(s, p);
  if (q - p > 2) return null;
  const sec = q === p ? -1 : Number(s.slice(p, q));
  if (hour <= 12) {
    const rest = s
      .slice(q)
      .replace(/^[ \t]+/, '')
      .slice(0, 2)
      .toLowerCase();
    if (rest === 'pm') hour = hour === 12 ? 12 : hour + 12;
    else if (hour === 12 && rest === 'am') hour = 0;
  }
  st.hour = hour;
  st.min = min;
  st.sec = sec;
  return q;
}

/** n1/n2/n3 or n1-n2-n3: a numeric date. Returns the index after it, or null. */
function readNumericDate(s: string, at: number, st: State): number | null {
  if (st.month !== -1) return null;
  const part = (p: number, long: boolean): [number, number] | null => {
    if (!isDigit(s[p])) return null;
    let q = p + 1;
    if (isDigit(s[q])) q++;
    if (long && isDigit(s[q])) {
      q++;
      if (!isDigit(s[q])) return null;
      q++;
      if (isDigit(s[q])) q++;
    }
    return [Number(s.slice(p, q)), q];
  };
  const a = part(at, false);
  if (!a || (s[a[1]] !== '/' && s[a[1]] !== '-')) return null;
  const b = part(a[1] + 1, false);
  if (!b || (s[b[1]] !== '/' && s[b[1]] !== '-')) return null;
  const c = part(b[1] + 1, true);
  if (!c || isDigit(s[c[1]]) || isAlpha(s[c[1]])) return null;
  const [n1, n2] = [a[0], b[0]];
  let n3 = c[0];
  if (n1 > 31 || n1 === 0) {
    // year/month/day
    if (n2 > 12 || n3 > 31) return null;
    st.year = n1 < 70 ? n1 + 2000 : n1 < 100 ? n1 + 1900 : n1;
    st.month = n2 - 1;
    st.date = n3;
    return c[1];
  }
  if (n1 > 12 && n2 > 12) return c[1];
  n3 = n3 < 70 ? n3 + 2000 : n3 < 100 ? n3 + 1900 : n3;
  if (n1 > 12) [st.date, st.month] = [n1, n2 - 1];
  else [st.month, st.date] = [n1 - 1, n2];
  st.year = n3;
  return c[1];
}

/** A run of digits not followed by ":" or a date separator: a day or a year by its length. */
function readNumber(s: string, at: number, end: number, st: State): void {
  if (isAlpha(s[end])) return;
  const n = Number(s.slice(at, end));
  const len = end - at;
  if (len === 4 || len === 5) {
    if (st.year < 0) st.year = n;
  } else if (len === 2) {
    if (st.date < 0 && n < 32) st.date = n;
    else if (st.year < 0) st.year = n < 70 ? 2000 + n : n < 100 ? 1900 + n : n;
  } else if (len === 1 && st.date < 0) st.date = n;
}

export function parseCookieDateFirefox(s: string): number | null {
  const st: State = {
    month: -1,
    zone: null,
    zoneOffset: null,
    date: -1,
    year: -1,
    hour: -1,
    min: -1,
    sec: -1,
    dotw: false,
  };
  let at = 0;
  for (let guard = 0; at < s.length; guard++) {
    if (guard > 1000) return null;
    const c = s[at]!;
    if (isAlpha(c)) readWord(s, at, st);
    else if (c === '+' || c === '-') at = readOffset(s, at, st);
    else if (isDigit(c)) {
      const end = digitsAt(s, at);
      if (s[end] === ':') at = readTime(s, at, end, st) ?? at;
      else if ((s[end] === '/' || s[end] === '-') && isDigit(s[end + 1]))
        at = readNumericDate(s, at, st) ?? at;
      else readNumber(s, at, end, st);
    }
    while (at < s.length && !WORD_END.has(s[at]!)) at++;
    for (;;) {
      while (at < s.length && SEPARATORS.has(s[at]!)) at++;
      // A "-" after a word (before any year), or not followed by a digit, separates; else it starts a zone.
      if (s[at] === '-' && ((at > 0 && isAlpha(s[at - 1]) && st.year < 0) || !isDigit(s[at + 1]))) {
        at++;
        continue;
      }
      break;
    }
  }
  if (st.month === -1 || st.date === -1 || st.year === -1 || st.year > 32767) return null;
  const [offset, dst] = st.zoneOffset !== null ? [st.zoneOffset, 0] : (st.zone ?? [0, 0]);
  const local = utc(st.year, st.month, st.date, [
    Math.max(st.hour, 0),
    Math.max(st.min, 0),
    Math.max(st.sec, 0),
  ]);
  return local - (offset + dst) * 60_000;
}
