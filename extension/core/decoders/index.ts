/** Cookie decoders: read what a session cookie carries without the server's help. See README.md. */
export { decodeCookie } from './decode-cookie.js';
export type {
  CookieDecoding,
  CookieFormat,
  DecodeCookieOptions,
  NearMiss,
  UnknownCookie,
} from './decode-cookie.js';
export { decodeFlaskSession, FLASK_DEFAULT_LIFETIME_SECONDS, type FlaskSession } from './flask.js';
export { decodeCookieSession, decodeCookieSessionSignature } from './cookie-session.js';
export type {
  CompanionInfo,
  CookiePair,
  CookieSessionData,
  CookieSessionSignature,
} from './cookie-session.js';
export { decodeExpressSession, type ExpressSessionId } from './express-session.js';
export { decodeJwt, type JwtDecoding } from './jwt.js';
export { cookieSessionDiff, type CookieSessionDiff, type CookieSessionFormat } from './cookie-diff.js';
export { LIMITS, type DecodeErrorCode, type DecodeFailure, type DecodeWarning } from './result.js';
export type { DecodeWarningCode } from './result.js';
export type { SignatureInfo } from './signature.js';
export type { Now, TimePoint } from './time.js';
