import { utf8Length } from './bytes.js';
import { CookieJar, type JarCookie } from './jar.js';
import type { BrowserProfile } from './profiles.js';
import { REASONS } from './reasons.js';
import { judgeSetCookie, type CookieVerdict, type SetContext } from './verdict.js';

/** One response of a recorded history, as the engine needs it. */
export interface ResponseInput extends SetContext {
  setCookies: readonly string[];
  /** Size of the whole response header block when known; else the Set-Cookie lines give a lower bound. */
  headerBytes?: number | undefined;
}

export interface HistoryVerdicts {
  /** Per response, per Set-Cookie header, in order. */
  verdicts: CookieVerdict[][];
  /** Cookies the per-domain cap removed, with the response that pushed them out. */
  evictions: { index: number; cookie: JarCookie }[];
  /** The store after the last response. */
  jar: CookieJar;
}

/** Bytes of the response's Set-Cookie header lines: a lower bound on its header block. */
export function setCookieBlockBytes(lines: readonly string[]): number {
  let bytes = 0;
  for (const line of lines) bytes += 'Set-Cookie: '.length + utf8Length(line) + 2;
  return bytes;
}

/** An upper bound without encoding (a UTF-16 unit is at most 3 UTF-8 octets): most responses stop here. */
function mayExceed(lines: readonly string[], limit: number): boolean {
  let units = 0;
  for (const line of lines) units += line.length + 14;
  return units * 3 > limit;
}

/** Judges one response's headers against `jar` and applies them (the jar is changed). */
export function judgeResponse(
  response: ResponseInput,
  jar: CookieJar,
  onEvict?: (cookie: JarCookie) => void,
): CookieVerdict[] {
  const { profile } = jar;
  const limit = profile.maxResponseHeaderBytes;
  const block =
    limit === null || (!mayExceed(response.setCookies, limit) && (response.headerBytes ?? 0) <= limit)
      ? 0
      : Math.max(response.headerBytes ?? 0, setCookieBlockBytes(response.setCookies));
  const tooBig = limit !== null && block > limit;
  return response.setCookies.map((raw) => {
    const verdict = judgeSetCookie(raw, response, profile, jar);
    if (tooBig)
      return { ...verdict, outcome: 'rejected', reason: REASONS['header-block-too-big'](String(block)) };
    for (const evicted of jar.apply(verdict, response.receivedAt)) onEvict?.(evicted);
    return verdict;
  });
}

/** Judges every Set-Cookie of a history in order, through one simulated cookie store. */
export function judgeHistory(
  responses: readonly ResponseInput[],
  profile: BrowserProfile,
  jar = new CookieJar(profile),
): HistoryVerdicts {
  const evictions: HistoryVerdicts['evictions'] = [];
  const verdicts = responses.map((response, index) =>
    judgeResponse(response, jar, (cookie) => evictions.push({ index, cookie })),
  );
  return { verdicts, evictions, jar };
}
