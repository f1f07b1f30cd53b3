import { count, cutText, moreChars } from '../values/cut-text.js';
import type { DeadCookie, LossCause, RequestRef, Verdict } from './types.js';

/** Words for a verdict: a headline, the sentence that names the cause, and the request it points at. */
export interface VerdictText {
  /** Short label for the request list, or null when there is nothing to say there. */
  label: string | null;
  severity: 'error' | 'warning' | 'info';
  headline: string;
  detail: string;
  link: RequestRef | null;
}

function path(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** `#12 POST /login`: how causes name a request. */
export function refText(r: RequestRef): string {
  return `#${r.id} ${r.method} ${path(r.url)}`;
}

const shortId = (id: string | null): string =>
  id === null ? '(none)' : id.length > 12 ? `${id.slice(0, 12)}…` : id;
/** Keys named in a sentence; the rest are counted (a session of 20,000 keys is one line, issue 13.2). */
export const KEYS_NAMED = 10;
/** Longest key named whole in a sentence; a longer one is cut, saying how much. */
const KEY_SHOWN = 60;

function list(keys: readonly string[]): string {
  if (keys.length === 0) return 'nothing';
  const named = keys.slice(0, KEYS_NAMED).map((key) => {
    const { shown, left } = cutText(key, KEY_SHOWN);
    return left === 0 ? key : `${shown}${moreChars(left)}`;
  });
  const rest = keys.length - named.length;
  return rest === 0
    ? named.join(', ')
    : `${named.join(', ')} and ${count(rest)} more key${rest === 1 ? '' : 's'}`;
}

export function causeText(cause: LossCause): string {
  const at = refText(cause.at);
  switch (cause.kind) {
    case 'cookie-dropped':
      return `The browser dropped the Set-Cookie of ${cause.cookieName} on ${at} (${cause.reason}); it kept sending the previous cookie, so the server no longer found the session.`;
    case 'cookie-not-stored':
      return `The browser sent an older ${cause.cookieName} cookie than the one ${at} set: it did not store that Set-Cookie.`;
    case 'cookie-expired':
      return `The ${cause.cookieName} cookie set by ${at} expired at ${new Date(cause.expiredAt).toISOString()}, before this request.`;
    case 'cookie-deleted':
      return `${at} told the browser to delete ${cause.cookieName} (Max-Age=0 or an Expires in the past).`;
    case 'cookie-not-sent':
      return `The browser did not send ${cause.cookieName} (last set by ${at}) with this request: compare its Path, Domain, SameSite and Secure with this URL.`;
    case 'store-expired':
      return `The browser sent session id ${shortId(cause.sessionId)}, but the store no longer had it: its TTL (${Math.round(cause.ttlMs / 1000)} s at ${at}) ran out.`;
    case 'store-vanished':
      return `The browser sent session id ${shortId(cause.sessionId)}, but the store no longer has it (last seen at ${at}): a restarted server with a memory store, a flushed store, or another client destroyed it.`;
    case 'server-rejected':
      return `The browser sent the ${cause.cookieName} cookie ${at} set, but the server read no session from it: its signature no longer checks (secret or keys changed?).`;
    case 'replaced':
      return `The browser sent another session's id (${shortId(cause.toId)} instead of ${shortId(cause.fromId)} from ${at}): the cookie was replaced outside this tab.`;
  }
}

export function describeVerdict(verdict: Verdict): VerdictText | null {
  switch (verdict.kind) {
    case 'lost':
      return {
        label: 'session lost',
        severity: 'error',
        headline: `Session lost: ${list(verdict.lostKeys)} gone since ${refText(verdict.since)}.`,
        detail: causeText(verdict.cause),
        link: verdict.cause.at,
      };
    case 'destroyed':
      return {
        label: null,
        severity: 'info',
        headline: 'Session destroyed by this request (req.session.destroy() or req.session = null).',
        detail: `Gone with it: ${list(verdict.removedKeys)}.`,
        link: null,
      };
    case 'regenerated':
      return {
        label: null,
        severity: 'info',
        headline: `Session id regenerated: ${shortId(verdict.oldId)} is dead, ${shortId(verdict.newId)} replaces it.`,
        // Whether the data moved or the handler dropped some: regenerate() starts an empty
        // session, so whatever is missing after it the handler did not copy over.
        detail:
          verdict.kept.length === 0 && verdict.dropped.length === 0
            ? `No data before it${verdict.added.length > 0 ? `; added: ${list(verdict.added)}` : ''}.`
            : verdict.dropped.length === 0
              ? `All data moved to the new id${verdict.added.length > 0 ? `; added: ${list(verdict.added)}` : ''}.`
              : `Moved to the new id: ${list(verdict.kept)}. Dropped by the handler (not copied to the new session): ${list(verdict.dropped)}${verdict.added.length > 0 ? `. Added: ${list(verdict.added)}` : ''}.`,
        link: null,
      };
    case 'after-destroy':
      return {
        label: null,
        severity: 'info',
        headline: `No session: ${refText(verdict.endedAt)} destroyed the last one.`,
        detail: '',
        link: verdict.endedAt,
      };
    case 'continued':
      return verdict.outside
        ? {
            label: null,
            severity: 'info',
            headline: `The session changed between ${refText(verdict.since)} and this request, outside this panel's view (another tab, a background job, the store).`,
            detail: '',
            link: verdict.since,
          }
        : null;
    case 'first':
    case 'none':
      return null;
  }
}

export function deadCookieText(dead: DeadCookie): string {
  return `The browser still holds ${dead.cookieName} for session ${shortId(dead.sessionId)}, destroyed by ${refText(dead.destroyedAt)}: the logout did not clear the cookie (res.clearCookie('${dead.cookieName}')).`;
}
