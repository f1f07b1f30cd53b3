import type { HistoryRecord } from './format.js';

/**
 * Masks the live credentials in recorded requests before they leave the panel as a file:
 * cookie values (the Cookie header, every Set-Cookie, the payload's copy of them) and
 * session ids. A session cookie or id in a shared file is a login anyone can replay.
 *
 * Each distinct secret becomes `masked<n>` padded with `_` to its own length, the same
 * secret always the same mask: sizes against the 4 KB budget, "the browser kept the old
 * cookie" and "the id changed at login" still read true from a masked file, while no
 * value survives. Names, attributes and the server-redacted session data stay as they are.
 */
export function createMasker(): (secret: string) => string {
  const masks = new Map<string, string>();
  return (secret) => {
    if (secret === '') return secret; // an empty value (a deletion) carries nothing and means something
    let mask = masks.get(secret);
    if (mask === undefined) {
      const token = `masked${masks.size + 1}`;
      mask = token.padEnd(secret.length, '_');
      masks.set(secret, mask);
    }
    return mask;
  };
}

type Mask = (secret: string) => string;

/** `name=value; Path=/; HttpOnly` → `name=<mask>; Path=/; HttpOnly` (RFC 6265bis §5.6: value up to the first `;`). */
export function maskSetCookie(line: string, mask: Mask): string {
  const semi = line.indexOf(';');
  const pair = semi === -1 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  // No `=`: the whole pair is the value (a nameless cookie).
  const masked = eq === -1 ? mask(pair) : `${pair.slice(0, eq + 1)}${mask(pair.slice(eq + 1))}`;
  return masked + (semi === -1 ? '' : line.slice(semi));
}

/** `a=1; b=2` → `a=<mask>; b=<mask>`, separators kept as sent. */
export function maskCookieHeader(header: string, mask: Mask): string {
  return header
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq === -1) return part.trim() === '' ? part : part.replace(part.trim(), mask(part.trim()));
      return `${part.slice(0, eq + 1)}${mask(part.slice(eq + 1))}`;
    })
    .join(';');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The payload's copies: `response.setCookie` and `session.idBefore/idAfter` (already checked by validatePayload on import). */
function maskPayload(payload: unknown, mask: Mask): unknown {
  if (!isObject(payload)) return payload;
  const out: Record<string, unknown> = { ...payload };
  if (isObject(payload.response) && Array.isArray(payload.response.setCookie)) {
    out.response = {
      ...payload.response,
      setCookie: payload.response.setCookie.map((c) => (typeof c === 'string' ? maskSetCookie(c, mask) : c)),
    };
  }
  if (isObject(payload.session)) {
    const { idBefore, idAfter } = payload.session;
    out.session = {
      ...payload.session,
      idBefore: typeof idBefore === 'string' ? mask(idBefore) : idBefore,
      idAfter: typeof idAfter === 'string' ? mask(idAfter) : idAfter,
    };
  }
  return out;
}

/** The text a masked file has instead of a debug header (its JWE holds the unmasked values for the key holder). */
export const MASKED_HEADER = '(masked)';

/** Copies of `records` with every cookie value and session id masked, consistently across the file. */
export function maskRecords(records: readonly HistoryRecord[]): HistoryRecord[] {
  const mask = createMasker();
  return records.map((r) => ({
    ...r,
    debugHeader: r.debugHeader === null ? null : MASKED_HEADER,
    setCookies: r.setCookies.map((c) => maskSetCookie(c, mask)),
    cookieHeader: r.cookieHeader === null ? null : maskCookieHeader(r.cookieHeader, mask),
    debug:
      r.debug.state === 'decoded'
        ? { state: 'decoded', payload: maskPayload(r.debug.payload, mask) }
        : r.debug,
  }));
}
