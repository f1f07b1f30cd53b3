import type { MiddlewareKind, SessionChange } from '../../../protocol/src/index.js';
import type { TypedValue } from '../../../protocol/src/typed-value.js';
import type { SetCookie } from '../cookies/set-cookie.js';

/** A request as the causes analysis sees it: what the browser sent, what the server set and saw. */
export interface ObservedRequest {
  /** The panel's request number: causes link to requests by it. */
  id: number;
  method: string;
  url: string;
  /** Epoch ms the response arrived. */
  time: number;
  /** The Cookie header as sent (name → value as sent); null when the request carried none. */
  sent: ReadonlyMap<string, string> | null;
  /** The response's Set-Cookie headers, parsed. */
  setCookies: readonly SetCookie[];
  /** What server-lib saw of the session; null without a payload. */
  session: ObservedSession | null;
}

export interface ObservedSession {
  kind: MiddlewareKind;
  /** The session cookie's name, as configured on the server. */
  cookieName: string | null;
  before: TypedValue | null;
  after: TypedValue | null;
  idBefore: string | null;
  idAfter: string | null;
  change: SessionChange;
  storeTtlMs: number | null;
}

/**
 * A Set-Cookie the browser did not keep, as observed (the next request to a matching URL sent
 * the old value or none). Supplied by the cookie engine: the causes analysis names the drop, it
 * does not decide it.
 */
export interface CookieDrop {
  /** The request whose response carried the Set-Cookie. */
  requestId: number;
  cookieName: string;
  /** Why, in a few words a developer acts on: "4283 bytes, over the 4096-byte limit". */
  reason: string;
}

/** Enough of a request to name it and link to it: `#12 POST /login`. */
export interface RequestRef {
  id: number;
  method: string;
  url: string;
}

/** Why a session this browser had is not there at the start of a request. */
export type LossCause =
  | { kind: 'cookie-dropped'; at: RequestRef; cookieName: string; reason: string }
  | { kind: 'cookie-not-stored'; at: RequestRef; cookieName: string }
  | { kind: 'cookie-expired'; at: RequestRef; cookieName: string; expiredAt: number }
  | { kind: 'cookie-deleted'; at: RequestRef; cookieName: string }
  | { kind: 'cookie-not-sent'; at: RequestRef; cookieName: string }
  | { kind: 'store-expired'; at: RequestRef; sessionId: string; ttlMs: number }
  | { kind: 'store-vanished'; at: RequestRef; sessionId: string }
  | { kind: 'server-rejected'; at: RequestRef; cookieName: string }
  | { kind: 'replaced'; at: RequestRef; fromId: string; toId: string };

/** What happened to the session this browser had, at one request. */
export type Verdict =
  /** The first request of this session cookie the panel saw: nothing to compare with. */
  | { kind: 'first' }
  /** The same session as at `since`; `outside` when its data changed between (another tab, a job, the store). */
  | { kind: 'continued'; since: RequestRef; outside: boolean }
  /** This request's handler ended the session. */
  | { kind: 'destroyed'; removedKeys: string[] }
  /** This request's handler gave the session a new id; which keys made it across. */
  | {
      kind: 'regenerated';
      oldId: string | null;
      newId: string | null;
      kept: string[];
      dropped: string[];
      added: string[];
    }
  /** The browser had a session at `since`; at this request it is gone, for `cause`. */
  | { kind: 'lost'; since: RequestRef; cause: LossCause; lostKeys: string[] }
  /** No session before this request, and none at the last sighting either. */
  | { kind: 'none' }
  /** No session, because `endedAt` destroyed the last one: expected. */
  | { kind: 'after-destroy'; endedAt: RequestRef };

/** The browser still sends a cookie whose session a request destroyed: a logout that did not clear it. */
export interface DeadCookie {
  cookieName: string;
  sessionId: string;
  destroyedAt: RequestRef;
}

export interface Explanation {
  verdict: Verdict;
  deadCookie: DeadCookie | null;
}
