/**
 * The cookie-date algorithm of RFC 6265bis §5.1.1 (unchanged since RFC 6265), written once:
 * `Date.parse` reads ISO strings, numeric zones and zone-less dates in ways browsers do not,
 * and its answer for a zone-less date depends on the machine's time zone. This parser never
 * looks at the local zone: every field is read as UTC, as the RFC says.
 *
 * Returns epoch ms, or null when the string is not a cookie-date (the Expires attribute is
 * then ignored, §5.6.1).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
function isDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 && code <= 0x2f) ||
    (code >= 0x3b && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Splits into date-tokens (maximal runs of non-delimiters). */
export function dateTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const delimiter = i === text.length || isDelimiter(text.charCodeAt(i));
    if (!delimiter && start === -1) start = i;
    else if (delimiter && start !== -1) {
      tokens.push(text.slice(start, i));
      start = -1;
    }
  }
  return tokens;
}

/** `1*max DIGIT` at `at`, then (if `rest` demands it) a non-digit or the end. Returns [value, next index] or null. */
function digits(token: string, at: number, min: number, max: number): [number, number] | null {
  let end = at;
  while (end < token.length && end - at < max && isDigit(token.charCodeAt(end))) end++;
  if (end - at < min) return null;
  return [Number(token.slice(at, end)), end];
}

/** The digits must end the token or be followed by a non-digit (`( non-digit *OCTET )`). */
const endsDigits = (token: string, at: number) => at === token.length || !isDigit(token.charCodeAt(at));

/** time = hms-time ( non-digit *OCTET ); hms-time = time-field ":" time-field ":" time-field */
function parseTime(token: string): [number, number, number] | null {
  const h = digits(token, 0, 1, 2);
  if (!h || token[h[1]] !== ':') return null;
  const m = digits(token, h[1] + 1, 1, 2);
  if (!m || token[m[1]] !== ':') return null;
  const s = digits(token, m[1] + 1, 1, 2);
  if (!s || !endsDigits(token, s[1])) return null;
  return [h[0], m[0], s[0]];
}

function parseDayOrYear(token: string, min: number, max: number): number | null {
  const d = digits(token, 0, min, max);
  return d && endsDigits(token, d[1]) ? d[0] : null;
}

function parseMonth(token: string): number | null {
  const index = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
  return index === -1 ? null : index;
}

export function parseCookieDate(text: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const token of dateTokens(text)) {
    // §5.1.1 step 2: each token is tried as time, day-of-month, month, year, in that order, first match only.
    if (time === null && (time = parseTime(token)) !== null) continue;
    if (day === null && (day = parseDayOrYear(token, 1, 2)) !== null) continue;
    if (month === null && (month = parseMonth(token)) !== null) continue;
    if (year === null && (year = parseDayOrYear(token, 2, 4)) !== null) continue;
  }
  if (time === null || day === null || month === null || year === null) return null;
  // Steps 3–4: two-digit years.
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  // Step 5: out-of-range fields fail.
  if (day < 1 || day > 31 || year < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) return null;
  const ms = Date.UTC(year, month, day, time[0], time[1], time[2]);
  // Step 7: a date that does not exist (31 Sep, 29 Feb 2027) fails rather than rolling over.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/**
 * Chromium's reading of the same grammar (net/cookies/cookie_util.cc ParseCookieExpirationTime),
 * checked against the oracle: a token starting with a letter can only be the month; one starting
 * with a digit is the time when it holds a ":" (h:m:s, 1–2 digits each), else the day when it has
 * at most 2 characters, else the year when it has at most 5. Years outside what the browser can
 * represent saturate (1600 is "long ago", 10000 "far ahead") instead of failing.
 */
export function parseCookieDateChromium(text: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const token of dateTokens(text)) {
    if (!isDigit(token.charCodeAt(0))) {
      if (month === null) month = parseMonth(token);
      continue;
    }
    if (token.includes(':')) {
      if (time === null) time = chromiumTime(token);
      continue;
    }
    if (day === null && token.length <= 2) day = leadingNumber(token);
    else if (year === null && token.length <= 5) year = leadingNumber(token);
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || time[0] > 23 || time[1] > 59 || time[2] > 59) return null;
  if (year < 1601) return Date.UTC(1601, 0, 1);
  if (year > 30827) return Date.UTC(30827, 11, 31);
  const ms = utc(year, month, day, time);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** `sscanf("%2u:%2u:%2u")`: three 1–2 digit fields, anything after the third ignored. */
function chromiumTime(token: string): [number, number, number] | null {
  const m = /^(\d{1,2}):(\d{1,2}):(\d{1,2})/.exec(token);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** `atoi`: the leading digits. */
function leadingNumber(token: string): number {
  return Number(/^\d+/.exec(token)![0]);
}

/** Date.UTC without its 0–99 → 1900s rule; out-of-range fields roll over (25:00 → next day 01:00). */
export function utc(
  year: number,
  month: number,
  day: number,
  [h, m, s]: readonly [number, number, number],
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}
