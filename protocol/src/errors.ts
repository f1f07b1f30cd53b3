/** Stable error codes: tests and the panel switch on `code`, people read `message`. */
export type ErrorCode =
  | 'ERR_PROTOCOL_VERSION'
  | 'ERR_PAYLOAD_MALFORMED'
  | 'ERR_HEADER_MALFORMED'
  | 'ERR_DECRYPT'
  | 'ERR_KEY_UNKNOWN'
  | 'ERR_PAIRING_MALFORMED'
  | 'ERR_REF_FETCH'
  /** Server side: the by-reference store refused the payload (down); sent inline without session values. */
  | 'ERR_STORE_UNAVAILABLE'
  /** Server side: the payload is larger than the by-reference store accepts; sent inline without session values. */
  | 'ERR_PAYLOAD_TOO_LARGE'
  /** Server side: the request carried a session cookie the app could not read (PROTOCOL.md §4.6). */
  | 'ERR_SESSION_UNREADABLE'
  | 'ERR_INTERNAL';

export class SessionscopeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SessionscopeError';
    this.code = code;
  }
}

export function isSessionscopeError(value: unknown): value is SessionscopeError {
  return value instanceof SessionscopeError;
}

/** Turns anything thrown into a `{code, message}` pair that is safe to render. */
export function describeError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof SessionscopeError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ERR_INTERNAL', message };
}
