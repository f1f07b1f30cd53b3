import { PROTOCOL_VERSION, REF_ID_PATTERN } from './constants.js';
import { SessionscopeError } from './errors.js';

/**
 * The response header's value is a `;`-separated list of `name=value` pairs:
 *   inline:        v=1; jwe=<compact JWE>
 *   by reference:  v=1; ref=<43-char id>; url=<same-origin absolute path>
 */
export type DebugHeader =
  | { kind: 'inline'; version: number; jwe: string }
  | { kind: 'ref'; version: number; ref: string; url: string };

/** Longest header value the panel will look at; anything longer is malformed, not parsed. */
export const MAX_HEADER_VALUE = 64 * 1024;

const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function formatInlineHeader(jwe: string): string {
  return `v=${PROTOCOL_VERSION}; jwe=${jwe}`;
}

export function formatRefHeader(ref: string, url: string): string {
  return `v=${PROTOCOL_VERSION}; ref=${ref}; url=${url}`;
}

function malformed(why: string): SessionscopeError {
  return new SessionscopeError('ERR_HEADER_MALFORMED', `Malformed X-Sessionscope header: ${why}.`);
}

export function parseDebugHeader(value: string): DebugHeader {
  if (value.length > MAX_HEADER_VALUE) throw malformed(`longer than ${MAX_HEADER_VALUE} characters`);
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw malformed(`"${trimmed.slice(0, 40)}" is not name=value`);
    const name = trimmed.slice(0, eq);
    if (fields.has(name)) throw malformed(`"${name}" appears twice`);
    fields.set(name, trimmed.slice(eq + 1));
  }
  const versionText = fields.get('v');
  if (versionText === undefined || !/^\d{1,6}$/.test(versionText)) throw malformed('no version (v=1)');
  const version = Number(versionText);
  if (version !== PROTOCOL_VERSION) {
    throw new SessionscopeError(
      'ERR_PROTOCOL_VERSION',
      `This panel speaks Sessionscope protocol v${PROTOCOL_VERSION}; the server sent v${version}. Update whichever side is older.`,
    );
  }
  const jwe = fields.get('jwe');
  const ref = fields.get('ref');
  if (jwe !== undefined && ref !== undefined) throw malformed('both jwe and ref');
  if (jwe !== undefined) {
    if (!COMPACT_JWE.test(jwe)) throw malformed('jwe is not a compact JWE (five base64url parts)');
    return { kind: 'inline', version, jwe };
  }
  if (ref !== undefined) {
    if (!REF_ID_PATTERN.test(ref)) throw malformed('ref is not a 43-character base64url id');
    const url = fields.get('url');
    // Same-origin absolute path only: a header must never send the panel to another host.
    if (url === undefined || !url.startsWith('/') || url.startsWith('//') || /[\s\\]/.test(url)) {
      throw malformed('ref without a same-origin url path');
    }
    return { kind: 'ref', version, ref, url };
  }
  throw malformed('neither jwe nor ref');
}

/** Checks a by-reference response body (a compact JWE) before decrypting it. */
export function isCompactJwe(value: string): boolean {
  return value.length <= 64 * 1024 * 1024 && COMPACT_JWE.test(value);
}
