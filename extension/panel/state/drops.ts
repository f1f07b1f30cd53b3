import type { CookieDrop } from '../../core/causes/types.js';
import { parseCookieHeader } from '../../core/cookies/set-cookie.js';
import { COOKIE_LIMIT, wasDropped } from '../../core/size/budget.js';
import { setCookiesOf } from './analysis.js';
import type { RequestRecord } from './types.js';

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Set-Cookies in `records[from, to)` the browser was observed not to keep: today the size rule
 * (over 4096 bytes, and the next request to that origin still sent another value). The cookie
 * engine's observed-truth check replaces this function when it covers every cause; the causes
 * analysis only needs this shape.
 */
export function observedDrops(records: readonly RequestRecord[], from: number, to: number): CookieDrop[] {
  const out: CookieDrop[] = [];
  for (let index = Math.max(0, from); index < to; index++) {
    const record = records[index]!;
    if (record.setCookies.length === 0) continue;
    for (const c of setCookiesOf(record)) {
      if (c.bytes <= COOKIE_LIMIT || c.expiry.kind === 'delete') continue;
      const origin = originOf(record.url);
      let nextSent: string | undefined;
      let seen = false;
      for (let j = index + 1; j < records.length && j < index + 200; j++) {
        const next = records[j]!;
        if (next.cookieHeader === null || originOf(next.url) !== origin) continue;
        nextSent = parseCookieHeader(next.cookieHeader).find((p) => p.name === c.name)?.value;
        seen = true;
        break;
      }
      if (seen && wasDropped(c.value, c.bytes, nextSent)) {
        out.push({
          requestId: record.id,
          cookieName: c.name,
          reason: `${c.bytes} bytes, over the browser's ${COOKIE_LIMIT}-byte limit per cookie`,
        });
      }
    }
  }
  return out;
}
