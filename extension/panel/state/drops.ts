import type { CookieDrop } from '../../core/causes/types.js';
import { COOKIE_LIMIT } from '../../core/size/budget.js';
import { setCookiesOf } from './analysis.js';
import { observationsFor, verdictsOf } from './cookie-history.js';
import type { RequestRecord } from './types.js';

/**
 * Set-Cookies in `records[from, to)` the browser was observed not to keep, for any cause: the
 * cookie engine's observed truth (core/cookies/observe.ts: the next request to a matching URL did
 * not carry the value). The causes analysis names the drop and links to the request; its reason
 * is the size when the cookie was over the limit, else what the engine says it saw.
 */
export function observedDrops(records: readonly RequestRecord[], from: number, to: number): CookieDrop[] {
  const out: CookieDrop[] = [];
  for (let index = Math.max(0, from); index < to; index++) {
    const record = records[index]!;
    if (record.setCookies.length === 0 && record.debug.state !== 'decoded') continue;
    const cookies = setCookiesOf(record);
    if (cookies.length === 0) continue;
    // Refused as predicted by the engine (e.g. over the size limit) and not seen kept later.
    for (const v of verdictsOf(record) ?? []) {
      if (v.outcome !== 'rejected') continue;
      const reason =
        v.bytes > COOKIE_LIMIT
          ? `${v.bytes} bytes, over the browser's ${COOKIE_LIMIT}-byte limit per cookie`
          : `refused by the browser${v.reason ? ` (${JSON.stringify(v.reason).slice(0, 120)})` : ''}`;
      out.push({ requestId: record.id, cookieName: v.name, reason });
    }
    for (const fact of observationsFor(records, index)) {
      if (out.some((d) => d.requestId === record.id && d.cookieName === fact.name)) continue;
      if (fact.observed !== 'not-kept') continue;
      const cookie = cookies.find((c) => c.name === fact.name && c.value === fact.value);
      const reason =
        cookie && cookie.bytes > COOKIE_LIMIT
          ? `${cookie.bytes} bytes, over the browser's ${COOKIE_LIMIT}-byte limit per cookie`
          : fact.message;
      out.push({ requestId: record.id, cookieName: fact.name, reason });
    }
  }
  return out;
}
