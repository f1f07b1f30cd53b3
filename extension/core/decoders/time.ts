/** Instants as the decoders report them: epoch seconds, ISO text and distance from `now`. */

export interface TimePoint {
  /** Seconds since the Unix epoch, as the format stores it (JWT NumericDate may have a fraction). */
  epochSeconds: number;
  /** ISO 8601 in UTC, or null when the instant is outside what a Date can hold. */
  iso: string | null;
  /** `epochSeconds - now` in seconds: negative in the past, positive in the future. */
  secondsFromNow: number;
}

/** `now` as decoders accept it: a Date or epoch milliseconds (jose's `currentDate` habit). */
export type Now = Date | number;

export function nowMs(now: Now): number {
  return typeof now === 'number' ? now : now.getTime();
}

const MAX_DATE_MS = 8.64e15;

export function isoFromMs(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

export function timePoint(epochSeconds: number, now: Now): TimePoint {
  return {
    epochSeconds,
    iso: isoFromMs(epochSeconds * 1000),
    secondsFromNow: epochSeconds - nowMs(now) / 1000,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Epoch ms of an RFC 9110 IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), the only form werkzeug's
 * `http_date` writes; undefined for anything else. Like Python's `email.utils`, a year below 100
 * is read as 19xx/20xx (so a Python `datetime` in year 99 comes back as 1999, in Flask too).
 */
export function parseHttpDate(text: string): number | undefined {
  const match = IMF_FIXDATE.exec(text);
  if (!match) return undefined;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText] = match;
  const month = MONTHS.indexOf(monthText ?? '');
  let year = Number(yearText);
  const day = Number(dayText);
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (year < 100) year += year > 68 ? 1900 : 2000;
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCDate() !== day) return undefined; // 31 Feb and friends
  return date.getTime();
}
