/**
 * express-session cookies: only a signed session id, `s:<id>.<signature>` (cookie-signature:
 * HMAC-SHA256, standard base64 without `=`), usually percent-encoded on the wire as `s%3A…`.
 *
 * The session's data lives in the server's store (memory, Redis, …), never in the cookie: the
 * panel can show the id and whether it changed, and needs Sessionscope's server-lib to show data.
 */

import { fail, guarded, tooLarge, type DecodeFailure } from './result.js';
import type { SignatureInfo } from './signature.js';

export interface ExpressSessionId {
  ok: true;
  format: 'express-session';
  sessionId: string;
  /** True when the value came percent-encoded (`s%3A…`), as express-session sends it. */
  urlEncoded: boolean;
  signature: SignatureInfo;
  dataLocation: 'server';
  note: string;
}

/** `s:` + id (any text: genid may be custom; cookie-signature splits at the last dot) + 43-char HMAC. */
const SIGNED = /^s:(.+)\.([A-Za-z0-9+/]{43})$/s;

export function decodeExpressSession(value: string): ExpressSessionId | DecodeFailure {
  return guarded(() => {
    const large = tooLarge(value);
    if (large) return large;
    const urlEncoded = /^s%3A/i.test(value);
    if (!urlEncoded && !value.startsWith('s:')) {
      return fail('ERR_COOKIE_SHAPE', "Not an express-session cookie: no 's:' prefix.");
    }
    let text = value;
    if (urlEncoded || value.includes('%')) {
      try {
        text = decodeURIComponent(value);
      } catch {
        return fail('ERR_COOKIE_SHAPE', 'express-session cookie has broken percent-encoding.');
      }
    }
    const match = SIGNED.exec(text);
    if (!match) {
      return fail(
        'ERR_COOKIE_SHAPE',
        "Has express-session's 's:' prefix but not '<id>.<43-character HMAC-SHA256 signature>' after it.",
      );
    }
    return {
      ok: true,
      format: 'express-session',
      sessionId: match[1]!,
      urlEncoded,
      signature: {
        present: true,
        verified: false,
        algorithm: 'HMAC-SHA256',
        note: "Signed with the app's session secret (cookie-signature); it cannot be checked without that secret.",
      },
      dataLocation: 'server',
      note:
        "express-session keeps the session's data in the server's store; the cookie holds only its id. " +
        "Install Sessionscope's server-lib in the app to see the data.",
    };
  });
}
