import { utf8Length } from './bytes.js';
import { CookieJar } from './jar.js';
import { CHROMIUM, type BrowserProfile } from './profiles.js';
import type { Reason } from './reasons.js';
import { judgeSetCookie, type CookieExpiry, type CookieVerdict, type Outcome } from './verdict.js';

export { parseCookieHeader } from './cookie-header.js';
export { utf8Length };
export type { CookieExpiry };

/** The 400-day cap browsers put on cookie lifetime (RFC 6265bis §5.6.1, §5.6.2). */
export const MAX_COOKIE_AGE_MS = 400 * 24 * 60 * 60 * 1000;

/**
 * One Set-Cookie header as the views show it: the engine's verdict flattened to the
 * attributes the browser keeps (not the ones the header wrote). Every view reads these.
 */
export interface SetCookie {
  raw: string;
  name: string;
  /** The value as sent (not URL-decoded): what counts against the 4096-byte limit. */
  value: string;
  /** UTF-8 bytes of name + value. */
  bytes: number;
  outcome: Outcome;
  /** Why the browser does not store it (outcome 'rejected'). */
  reason: Reason | null;
  /** Attributes the browser ignored or changed. */
  notes: Reason[];
  /** Effective path. */
  path: string | null;
  /** Effective Domain; null for a host-only cookie. */
  domain: string | null;
  secure: boolean;
  httpOnly: boolean;
  /** Strict/Lax/None as read, null when absent or invalid (the browser default applies). */
  sameSite: string | null;
  partitioned: boolean;
  /** Normalised (Chromium: Low/Medium/High); null where the browser has none. */
  priority: string | null;
  expiry: CookieExpiry;
  verdict: CookieVerdict;
}

export function toSetCookie(verdict: CookieVerdict): SetCookie {
  const c = verdict.cookie;
  return {
    raw: verdict.raw,
    name: verdict.name,
    value: verdict.value,
    bytes: verdict.bytes,
    outcome: verdict.outcome,
    reason: verdict.reason,
    notes: verdict.notes,
    path: c?.path ?? null,
    domain: c && !c.hostOnly ? c.domain : null,
    secure: c?.secure ?? false,
    httpOnly: c?.httpOnly ?? false,
    sameSite: c?.sameSite ?? null,
    partitioned: c?.partitionKey != null,
    priority: c?.priority ?? null,
    expiry: c?.expiry ?? { kind: 'session' },
    verdict,
  };
}

/** A header that sets nothing at all (`Set-Cookie: ;;`): not worth a row. */
export const isBlank = (v: CookieVerdict) => v.reason?.code === 'empty';

/**
 * Judges headers of one response on their own (an empty jar), for callers without a history.
 * The panel judges whole histories through `judgeHistory` instead.
 */
export function parseSetCookies(
  headers: readonly string[],
  receivedAt: number,
  { url = 'https://localhost/', profile = CHROMIUM }: { url?: string; profile?: BrowserProfile } = {},
): SetCookie[] {
  const jar = new CookieJar(profile);
  return headers
    .map((raw) => judgeSetCookie(raw, { url, receivedAt }, profile, jar))
    .filter((v) => !isBlank(v))
    .map(toSetCookie);
}
