import { parseCookieHeader } from './cookie-header.js';
import { wouldSend } from './jar.js';
import type { BrowserProfile } from './profiles.js';
import { parseRequestUrl, sameSite } from './site.js';
import type { CookieVerdict, Outcome } from './verdict.js';

/**
 * Observed truth: what the browser actually sent on the first later request that the cookie
 * applies to. Where that disagrees with the engine's prediction, the observation wins (the
 * panel shows it), whatever the cause: size, a control character, a domain, a secure cookie
 * the page could not overwrite, the per-domain cap, a third-party block.
 */

/** One recorded request/response, in the order the panel lists them. */
export interface ObservedRequest {
  url: string;
  topUrl?: string | null;
  /** Epoch ms the request started (its Cookie header was fixed then); absent: `receivedAt` is used. */
  startedAt?: number | undefined;
  /** Epoch ms the response arrived. */
  receivedAt: number;
  /** The Cookie header the request carried (null: none). */
  cookieHeader: string | null;
}

export type Observed = 'kept' | 'not-kept' | 'deleted' | 'not-deleted';

export interface ObservedFact {
  /** The response that set the cookie, and the header's position in it. */
  index: number;
  header: number;
  name: string;
  /** The value the header set. */
  value: string;
  predicted: Outcome;
  observed: Observed;
  agrees: boolean;
  /** The request whose Cookie header shows it. */
  by: { index: number; url: string; sent: string[] };
  /** "Chromium did not keep `sid`: the next request to /cart sent none". */
  message: string;
}

const valuesOf = (header: string | null, name: string) =>
  header
    ? parseCookieHeader(header)
        .filter((c) => c.name === name)
        .map((c) => c.value)
    : [];

function pathOf(url: string): string {
  const u = parseRequestUrl(url);
  return u ? u.path : url;
}

/** Does the request to `url` fall under this verdict's cookie (or, unparsed, the same host)? */
function applies(verdict: CookieVerdict, setUrl: string, request: ObservedRequest): boolean {
  const top = request.topUrl ? parseRequestUrl(request.topUrl) : null;
  const target = parseRequestUrl(request.url);
  if (!target || (top && !sameSite(target, top))) return false;
  if (verdict.cookie) return wouldSend(verdict.cookie, request.url, null);
  return parseRequestUrl(setUrl)?.host === target.host;
}

function message(profile: BrowserProfile, fact: Omit<ObservedFact, 'message'>): string {
  const name = fact.name === '' ? '(nameless)' : fact.name;
  const where = `the next request to ${pathOf(fact.by.url)}`;
  const sent =
    fact.by.sent.length === 0
      ? 'sent none'
      : `sent ${fact.by.sent.map((v) => `"${v.length > 24 ? `${v.slice(0, 24)}…` : v}"`).join(', ')}`;
  switch (fact.observed) {
    case 'not-kept':
      return `${profile.label} did not keep \`${name}\`: ${where} ${fact.by.sent.length === 0 ? 'sent none' : `still sent the old value`}.`;
    case 'kept':
      return `${profile.label} kept \`${name}\`: ${where} sent it.`;
    case 'not-deleted':
      return `${profile.label} did not delete \`${name}\`: ${where} ${sent}.`;
    case 'deleted':
      return `${profile.label} deleted \`${name}\`: ${where} sent none.`;
  }
}

/** Random access to a recorded history: the panel's records without copying them. */
export interface HistoryAccess {
  length: number;
  request(index: number): ObservedRequest;
  verdicts(index: number): readonly CookieVerdict[];
}

/** How many later requests to look through for one that the cookie applies to. */
export const LOOKAHEAD = 200;

/**
 * Facts about the cookies response `index` set: one per Set-Cookie (the last of each name in
 * the response) that a later request shows. None when no later request within LOOKAHEAD applies,
 * or when the name is set again before one does.
 */
export function observeResponse(
  history: HistoryAccess,
  index: number,
  profile: BrowserProfile,
): ObservedFact[] {
  const list = history.verdicts(index);
  const facts: ObservedFact[] = [];
  list.forEach((verdict, header) => {
    if (list.slice(header + 1).some((later) => later.name === verdict.name)) return;
    const fact = observeOne(history, index, header, verdict, profile);
    if (fact) facts.push(fact);
  });
  return facts;
}

/** Facts for every response of a history. */
export function observeHistory(
  requests: readonly ObservedRequest[],
  verdicts: readonly (readonly CookieVerdict[])[],
  profile: BrowserProfile,
): ObservedFact[] {
  const history: HistoryAccess = {
    length: requests.length,
    request: (i) => requests[i]!,
    verdicts: (i) => verdicts[i] ?? [],
  };
  return requests.flatMap((_, index) => observeResponse(history, index, profile));
}

function observeOne(
  history: HistoryAccess,
  index: number,
  header: number,
  verdict: CookieVerdict,
  profile: BrowserProfile,
): ObservedFact | null {
  const setter = history.request(index);
  const sentBefore = valuesOf(setter.cookieHeader, verdict.name);
  const end = Math.min(history.length, index + 1 + LOOKAHEAD);
  for (let j = index + 1; j < end; j++) {
    const next = history.request(j);
    // A request that started before the response arrived could not carry the new cookie.
    if ((next.startedAt ?? next.receivedAt) < setter.receivedAt) continue;
    if (applies(verdict, setter.url, next)) {
      const sent = valuesOf(next.cookieHeader, verdict.name);
      const observed = classify(verdict, sent, sentBefore);
      if (!observed) return null;
      const agrees =
        verdict.outcome === 'deleted'
          ? observed === 'deleted'
          : verdict.outcome === 'rejected'
            ? observed === 'not-kept'
            : observed === 'kept';
      const base = {
        index,
        header,
        name: verdict.name,
        value: verdict.value,
        predicted: verdict.outcome,
        observed,
        agrees,
        by: { index: j, url: next.url, sent },
      };
      return { ...base, message: message(profile, base) };
    }
    // The same cookie set again before any matching request: that header decides, not this one.
    if (history.verdicts(j).some((v) => v.name === verdict.name && sameCookie(v, verdict))) return null;
  }
  return null;
}

/** Same name, domain and path (unknown when either header did not parse: assume the same). */
function sameCookie(a: CookieVerdict, b: CookieVerdict): boolean {
  if (!a.cookie || !b.cookie) return true;
  return a.cookie.domain === b.cookie.domain && a.cookie.path === b.cookie.path;
}

function classify(verdict: CookieVerdict, sent: string[], sentBefore: string[]): Observed | null {
  if (verdict.outcome === 'deleted') {
    // Still sending the value the setter's own request carried: the deletion did not happen.
    return sentBefore.some((v) => sent.includes(v)) ? 'not-deleted' : sent.length === 0 ? 'deleted' : null;
  }
  if (sent.includes(verdict.value)) {
    // The same value was already there before: the header neither proves nor disproves anything.
    return sentBefore.includes(verdict.value) && verdict.outcome !== 'stored' ? null : 'kept';
  }
  return 'not-kept';
}

/** The observations that show the browser did not keep a cookie: what a "why was I logged out" analysis wants. */
export function observedDrops(facts: readonly ObservedFact[]): ObservedFact[] {
  return facts.filter((f) => f.observed === 'not-kept' || f.observed === 'not-deleted');
}

/**
 * What the panel states as the outcome of one Set-Cookie: the engine's prediction, unless a
 * later request showed otherwise (the observation wins). Every view uses this one answer.
 */
export function settledOutcome(verdict: { outcome: Outcome }, fact: ObservedFact | undefined): Outcome {
  if (!fact) return verdict.outcome;
  if (fact.observed === 'not-kept' || fact.observed === 'not-deleted') return 'rejected';
  if (fact.observed === 'kept' && verdict.outcome === 'rejected') return 'stored';
  return verdict.outcome;
}
