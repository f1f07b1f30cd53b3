import { tagOf, type TypedValue } from '../../../protocol/src/typed-value.js';
import { jsonText } from '../../../protocol/src/json-text.js';
import type { SetCookie } from '../cookies/set-cookie.js';
import { decodeExpressSession } from '../decoders/express-session.js';
import type {
  CookieDrop,
  DeadCookie,
  Explanation,
  LossCause,
  ObservedRequest,
  ObservedSession,
  RequestRef,
  Verdict,
} from './types.js';

type WithSession = ObservedRequest & { session: ObservedSession };

const ref = (r: ObservedRequest): RequestRef => ({ id: r.id, method: r.method, url: r.url });

/** Top-level keys of a session tree (through `object`/`instance` wrappers). */
export function keysOf(value: TypedValue | null): string[] {
  // A loop, not recursion: a crafted file can wrap `object` in `object` 100,000 times (issue 13.1).
  let node: TypedValue | null = value;
  for (;;) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
    const tag = tagOf(node);
    if (tag === undefined) return Object.keys(node);
    if (tag !== 'object' && tag !== 'instance') return [];
    node = (node as { entries: TypedValue }).entries ?? null;
  }
}

/** The session id an express-session cookie value carries (`s:<id>.<sig>`), or null. */
function idIn(value: string | undefined): string | null {
  if (value === undefined) return null;
  const decoded = decodeExpressSession(value);
  return decoded.ok ? decoded.sessionId : null;
}

function sameJson(a: TypedValue | null, b: TypedValue | null): boolean {
  if (a === b) return true;
  // Different key sets: different, without serializing a session that may weigh megabytes.
  const ka = keysOf(a);
  const kb = keysOf(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  // jsonText: a session nested past the engine's JSON.stringify stack compares too (issue 13).
  return a === null || b === null ? false : jsonText(a) === jsonText(b);
}

/** The newest earlier request that set `name`, with the Set-Cookie it carried. */
function lastSetOf(
  earlier: readonly ObservedRequest[],
  name: string,
): { request: ObservedRequest; cookie: SetCookie } | null {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const request = earlier[i]!;
    for (let j = request.setCookies.length - 1; j >= 0; j--) {
      const cookie = request.setCookies[j]!;
      if (cookie.name === name) return { request, cookie };
    }
  }
  return null;
}

/** The newest earlier request that carried server-lib's view of this session cookie. */
function previousSighting(earlier: readonly ObservedRequest[], current: WithSession): WithSession | null {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const s = earlier[i]!.session;
    if (!s) continue;
    if (s.kind !== current.session.kind) continue;
    if (
      s.cookieName !== null &&
      current.session.cookieName !== null &&
      s.cookieName !== current.session.cookieName
    )
      continue;
    return earlier[i] as WithSession;
  }
  return null;
}

/**
 * Why the session the browser had at `previous` is gone at `current`: read from what the
 * browser sent (Cookie header), what earlier responses set (and whether the browser kept it),
 * expiry, and what the server-side store reported.
 */
function diagnose(
  previous: WithSession,
  current: WithSession,
  earlier: readonly ObservedRequest[],
  drops: readonly CookieDrop[],
): LossCause {
  const name = current.session.cookieName ?? previous.session.cookieName ?? '';
  const last = lastSetOf(earlier, name);
  const sentValue = current.sent?.get(name);
  const at = last ? ref(last.request) : ref(previous);
  if (last) {
    const drop = drops.find((d) => d.requestId === last.request.id && d.cookieName === name);
    if (drop && sentValue !== last.cookie.value)
      return { kind: 'cookie-dropped', at, cookieName: name, reason: drop.reason };
  }
  if (sentValue === undefined) {
    if (last?.cookie.expiry.kind === 'delete') return { kind: 'cookie-deleted', at, cookieName: name };
    if (last?.cookie.expiry.kind === 'persistent' && last.cookie.expiry.at <= current.time) {
      return { kind: 'cookie-expired', at, cookieName: name, expiredAt: last.cookie.expiry.at };
    }
    return { kind: 'cookie-not-sent', at, cookieName: name };
  }
  if (current.session.kind === 'express-session') {
    const sentId = idIn(sentValue);
    const lastId = previous.session.idAfter;
    if (sentId !== null && lastId !== null && sentId !== lastId) {
      // The browser came back with an older id than the one it was last given.
      const setter = last && idIn(last.cookie.value) === lastId ? last.request : null;
      return setter
        ? { kind: 'cookie-not-stored', at: ref(setter), cookieName: name }
        : { kind: 'replaced', at: ref(previous), fromId: lastId, toId: sentId };
    }
    const id = sentId ?? lastId ?? '';
    const ttl = previous.session.storeTtlMs;
    if (ttl !== null && current.time - previous.time >= ttl)
      return { kind: 'store-expired', at: ref(previous), sessionId: id, ttlMs: ttl };
    return { kind: 'store-vanished', at: ref(previous), sessionId: id };
  }
  // A session kept in the cookie itself: the browser sent something the server could not read.
  if (last && sentValue !== last.cookie.value) return { kind: 'cookie-not-stored', at, cookieName: name };
  return { kind: 'server-rejected', at, cookieName: name };
}

/** A cookie the request sent whose session id an earlier request destroyed. */
/** Only the dead-cookie part of {@link explainSession}: what the finding index asks of every request. */
export function deadCookieIn(
  current: ObservedRequest,
  earlier: readonly ObservedRequest[],
): DeadCookie | null {
  if (!current.session) return null;
  return deadCookieOf(current as WithSession, earlier);
}

function deadCookieOf(current: WithSession, earlier: readonly ObservedRequest[]): DeadCookie | null {
  const name = current.session.cookieName;
  if (name === null || current.session.kind !== 'express-session' || current.session.before !== null)
    return null;
  const sentId = idIn(current.sent?.get(name));
  if (sentId === null) return null;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const s = earlier[i]!.session;
    if (s?.change === 'destroyed' && s.idBefore === sentId)
      return { cookieName: name, sessionId: sentId, destroyedAt: ref(earlier[i]!) };
  }
  return null;
}

function verdictOf(
  current: WithSession,
  earlier: readonly ObservedRequest[],
  drops: readonly CookieDrop[],
): Verdict {
  const { session } = current;
  if (session.change === 'destroyed') return { kind: 'destroyed', removedKeys: keysOf(session.before) };
  if (session.change === 'regenerated') {
    const before = keysOf(session.before);
    const after = new Set(keysOf(session.after));
    const had = new Set(before); // sets both ways: 20,000 keys must not cost 20,000²
    return {
      kind: 'regenerated',
      oldId: session.idBefore,
      newId: session.idAfter,
      kept: before.filter((k) => after.has(k)),
      dropped: before.filter((k) => !after.has(k)),
      added: [...after].filter((k) => !had.has(k)),
    };
  }
  const previous = previousSighting(earlier, current);
  if (!previous) return { kind: 'first' };
  const had = previous.session.after !== null;
  const has = session.before !== null;
  if (had && has) {
    if (session.kind === 'express-session' && session.idBefore !== previous.session.idAfter) {
      return {
        kind: 'lost',
        since: ref(previous),
        cause: diagnose(previous, current, earlier, drops),
        lostKeys: keysOf(previous.session.after),
      };
    }
    return {
      kind: 'continued',
      since: ref(previous),
      outside: !sameJson(previous.session.after, session.before),
    };
  }
  if (had)
    return {
      kind: 'lost',
      since: ref(previous),
      cause: diagnose(previous, current, earlier, drops),
      lostKeys: keysOf(previous.session.after),
    };
  // A session the last sighting did not have: made elsewhere (another tab), nothing was lost.
  if (has) return { kind: 'continued', since: ref(previous), outside: true };
  // No session before or after: carry the last destroy forward, so every request after a logout says why.
  for (let i = earlier.lastIndexOf(previous); i >= 0; i--) {
    const s = earlier[i]!.session;
    if (!s || s.kind !== session.kind) continue;
    if (s.change === 'destroyed') return { kind: 'after-destroy', endedAt: ref(earlier[i]!) };
    if (s.after !== null || s.before !== null) break;
  }
  return { kind: 'none' };
}

/**
 * What happened to the session at `current`, given the requests before it (oldest first, the
 * caller bounds how many) and the Set-Cookies the browser was observed to drop. Pure: the same
 * requests always give the same answer. Null for a request without server-lib's payload.
 */
export function explainSession(
  current: ObservedRequest,
  earlier: readonly ObservedRequest[],
  drops: readonly CookieDrop[] = [],
): Explanation | null {
  if (!current.session) return null;
  const withSession = current as WithSession;
  return { verdict: verdictOf(withSession, earlier, drops), deadCookie: deadCookieOf(withSession, earlier) };
}
