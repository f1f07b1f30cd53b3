import { CookieJar } from '../../core/cookies/jar.js';
import { judgeResponse, type ResponseInput } from '../../core/cookies/history.js';
import { observeResponse, type ObservedFact } from '../../core/cookies/observe.js';
import { CHROMIUM, PROFILES, type BrowserName, type BrowserProfile } from '../../core/cookies/profiles.js';
import { parseRequestUrl, sameSite } from '../../core/cookies/site.js';
import type { CookieVerdict } from '../../core/cookies/verdict.js';
import type { RequestRecord } from './types.js';

/**
 * The cookie engine over the recorded history: every record's Set-Cookie headers judged in
 * order through one simulated store, for the browser the panel runs in. Incremental: a new
 * or changed record re-judges from there on, starting from the nearest saved store.
 */

let profile: BrowserProfile = CHROMIUM;
let verdicts = new WeakMap<RequestRecord, CookieVerdict[]>();
let judged: readonly RequestRecord[] = [];
/** Store before record i, every SNAPSHOT records. */
let snapshots = new Map<number, CookieJar>();
const SNAPSHOT = 64;

export function engineProfile(): BrowserProfile {
  return profile;
}

/** Which browser's rules apply (the shell says where the panel runs). Re-judges everything. */
export function setEngineBrowser(name: BrowserName): void {
  if (profile === PROFILES[name]) return;
  profile = PROFILES[name];
  verdicts = new WeakMap();
  judged = [];
  snapshots = new Map();
}

/**
 * A request to another site than the page's is a third-party context. Redirect hops count as
 * top level: they are navigations (an OAuth callback's Set-Cookie is first-party).
 */
function topUrlOf(record: RequestRecord): string | null {
  if (!record.pageUrl || record.pageUrl === record.url || (record.status >= 300 && record.status < 400))
    return null;
  const page = parseRequestUrl(record.pageUrl);
  const url = parseRequestUrl(record.url);
  return page && url && !sameSite(page, url) ? record.pageUrl : null;
}

export function responseOf(record: RequestRecord): ResponseInput {
  return {
    url: record.url,
    topUrl: topUrlOf(record),
    receivedAt: record.time,
    serverDate: record.responseDate ?? null,
    setCookies: setCookieLines(record),
  };
}

/**
 * Chromium adds Set-Cookie to the HAR from a separate raw-headers event that can come after the
 * entry is handed to extensions (seen on 303 responses): the entry then has none. The server's
 * own list (server-lib payload) says what was sent; use it when the HAR shows nothing.
 */
function setCookieLines(record: RequestRecord): string[] {
  return record.setCookies.length === 0 && record.debug.state === 'decoded'
    ? record.debug.payload.response.setCookie
    : record.setCookies;
}

/** Judges `records` (cheap when nothing changed since the last call). */
export function judgeRecords(records: readonly RequestRecord[]): void {
  if (records === judged) return;
  let from = 0;
  while (from < judged.length && from < records.length && judged[from] === records[from]) from++;
  let start = from - (from % SNAPSHOT);
  while (start > 0 && !snapshots.has(start)) start -= SNAPSHOT;
  for (const k of [...snapshots.keys()]) if (k > start) snapshots.delete(k);
  const jar = snapshots.get(start)?.clone() ?? new CookieJar(profile);
  for (let i = start; i < records.length; i++) {
    if (i % SNAPSHOT === 0 && !snapshots.has(i)) snapshots.set(i, jar.clone());
    const response = responseOf(records[i]!);
    // No Set-Cookie: nothing to judge and the jar is unchanged; `verdictsOf` answers without an
    // entry (a WeakMap of 100,000 records costs the garbage collector on every pass).
    if (response.setCookies.length > 0) verdicts.set(records[i]!, judgeResponse(response, jar));
  }
  judged = records;
}

const NONE: CookieVerdict[] = [];

/** The record's verdicts from the history pass, if it ran over this record. */
export function verdictsOf(record: RequestRecord): CookieVerdict[] | undefined {
  return setCookieLines(record).length > 0 ? verdicts.get(record) : NONE;
}

/** What later requests show about the cookies record `index` set (observed truth). */
export function observationsFor(records: readonly RequestRecord[], index: number): ObservedFact[] {
  judgeRecords(records);
  const history = {
    length: records.length,
    request: (i: number) => requestOf(records[i]!),
    verdicts: (i: number) => verdictsOf(records[i]!) ?? [],
  };
  return observeResponse(history, index, profile);
}

function requestOf(record: RequestRecord) {
  return {
    url: record.url,
    topUrl: topUrlOf(record),
    startedAt: record.startedAt,
    receivedAt: record.time,
    cookieHeader: record.cookieHeader,
  };
}
