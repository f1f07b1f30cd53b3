import { deadCookieIn, explainSession } from '../../core/causes/explain.js';
import type { DeadCookie, Explanation, ObservedRequest } from '../../core/causes/types.js';
import { parseCookieHeader } from '../../core/cookies/set-cookie.js';
import { setCookiesOf } from './analysis.js';
import { observedDrops } from './drops.js';
import { payloadOf } from './selectors.js';
import type { RequestRecord } from './types.js';

/** How far back a request's explanation looks: bounded work whatever the log holds. */
export const LOOK_BACK = 200;

const observed = new WeakMap<RequestRecord, ObservedRequest>();

/** The causes analysis' view of one record, made once per record object. */
export function observe(record: RequestRecord): ObservedRequest {
  const cached = observed.get(record);
  if (cached) return cached;
  const payload = payloadOf(record);
  const result: ObservedRequest = {
    id: record.id,
    method: record.method,
    url: record.url,
    time: record.time,
    sent:
      record.cookieHeader === null
        ? null
        : new Map(parseCookieHeader(record.cookieHeader).map((p) => [p.name, p.value])),
    setCookies: setCookiesOf(record),
    session: payload
      ? {
          kind: payload.middleware.kind,
          cookieName: payload.cookie?.name ?? null,
          before: payload.session.before,
          after: payload.session.after,
          idBefore: payload.session.idBefore,
          idAfter: payload.session.idAfter,
          change: payload.session.change,
          storeTtlMs: payload.storeTtlMs,
        }
      : null,
  };
  observed.set(record, result);
  return result;
}

const byList = new WeakMap<readonly RequestRecord[], Map<number, Explanation | null>>();

/**
 * What happened to the session at `records[index]` (lost and why, destroyed, regenerated, a dead
 * cookie still held). Memoized per list version: a new request or a late decode gives a new list.
 */
export function explainAt(records: readonly RequestRecord[], index: number): Explanation | null {
  let memo = byList.get(records);
  if (!memo) byList.set(records, (memo = new Map()));
  if (memo.has(index)) return memo.get(index)!;
  const record = records[index];
  let result: Explanation | null = null;
  if (record && payloadOf(record)) {
    const from = Math.max(0, index - LOOK_BACK);
    const earlier: ObservedRequest[] = [];
    for (let i = from; i < index; i++) earlier.push(observe(records[i]!));
    result = explainSession(observe(record), earlier, observedDrops(records, from, index));
  }
  memo.set(index, result);
  return result;
}

/** A cookie this request sent for a session an earlier request destroyed (cheap: no verdict, no drops). */
export function deadCookieAt(records: readonly RequestRecord[], index: number): DeadCookie | null {
  const from = Math.max(0, index - LOOK_BACK);
  const earlier: ObservedRequest[] = [];
  for (let i = from; i < index; i++) earlier.push(observe(records[i]!));
  return deadCookieIn(observe(records[index]!), earlier);
}
