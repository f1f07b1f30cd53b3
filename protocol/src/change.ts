/**
 * How a server decides `session.change` and measures `sizes` (PROTOCOL.md §4.4, §4.5): one
 * definition, with vectors in protocol/vectors/change.json and sizes.json.
 */
import type { SessionChange } from './payload.js';
import { jsonText } from './json-text.js';
import { encodeTyped, type TypedValue } from './typed-value.js';

/** One side of a request as the change rule sees it. */
export interface ChangeSide {
  /** A session existed (before: the request loaded one; after: the browser will hold one). */
  exists: boolean;
  id: string | null;
  /** Canonical form of the data *before* redaction (see `fingerprintOf`); absent when `same` compares. */
  fingerprint?: string | null;
}

/**
 * none: no session on either side; new: none → one; destroyed: one → none; regenerated: both
 * sides carry ids and they differ; otherwise modified or unchanged by comparing the data: the
 * fingerprints, or `same` when given (a server that keeps each side's comparable tree and
 * compares with `sameCanonical`, asked only when the rule gets that far).
 */
export function sessionChange<S extends ChangeSide>(
  before: S,
  after: S,
  same: (before: S, after: S) => boolean = (b, a) => b.fingerprint === a.fingerprint,
): SessionChange {
  if (!before.exists && !after.exists) return 'none';
  if (!before.exists) return 'new';
  if (!after.exists) return 'destroyed';
  if (before.id !== null && after.id !== null && before.id !== after.id) return 'regenerated';
  return same(before, after) ? 'unchanged' : 'modified';
}

/**
 * `canonicalJson(a) === canonicalJson(b)`, without printing either: the same tree up to object
 * key order, compared with an explicit stack (any depth) and stopped at the first difference.
 * What JSON prints alike counts alike (0 and -0; NaN, ±Infinity and null; a hole and null).
 * protocol/src/change.property.test.ts checks it against canonicalJson.
 */
export function sameCanonical(a: TypedValue, b: TypedValue): boolean {
  const left: unknown[] = [a];
  const right: unknown[] = [b];
  while (left.length > 0) {
    let x = left.pop();
    let y = right.pop();
    if (x === y) continue;
    if (typeof x === 'number' && !Number.isFinite(x)) x = null;
    if (typeof y === 'number' && !Number.isFinite(y)) y = null;
    if (x === undefined) x = null;
    if (y === undefined) y = null;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    const isArray = Array.isArray(x);
    if (isArray !== Array.isArray(y)) return false;
    if (isArray) {
      const xs = x as unknown[];
      const ys = y as unknown[];
      if (xs.length !== ys.length) return false;
      for (let i = 0; i < xs.length; i++) {
        left.push(xs[i]);
        right.push(ys[i]);
      }
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    // JSON leaves out a key whose value is undefined: count only the ones it prints.
    let xCount = 0;
    for (const key of Object.keys(xo)) {
      const value = xo[key];
      if (value === undefined) continue;
      xCount++;
      if (!Object.prototype.hasOwnProperty.call(yo, key) || yo[key] === undefined) return false;
      left.push(value);
      right.push(yo[key]);
    }
    let yCount = 0;
    for (const key of Object.keys(yo)) if (yo[key] !== undefined) yCount++;
    if (xCount !== yCount) return false;
  }
  return true;
}

const UNLIMITED = {
  maxString: Number.MAX_SAFE_INTEGER,
  maxItems: Number.MAX_SAFE_INTEGER,
  maxBytes: Number.MAX_SAFE_INTEGER,
  // The encoder keeps its own stack (no recursion): any depth the session really has.
  maxDepth: Number.MAX_SAFE_INTEGER,
};

/**
 * JSON with every object's keys sorted: two trees that differ only in key order print the same.
 * (A replacer keeps the walk in JSON.stringify: ~8x faster than a hand-written printer on a
 * 200 KB session, measured on Node 20.)
 */
export function canonicalJson(value: TypedValue): string {
  return jsonText(value, { sorted: true });
}

/**
 * What `change` compares: the session's typed encoding with no redaction and no size limits.
 * Before redaction, so that a changed password reads "modified" although both sides show
 * `<redacted>`; compare two with `sameCanonical` (key order ignored, so that a store's
 * reordering is not a change). A copy: later changes to the session do not reach it.
 */
export function comparableOf(session: unknown): TypedValue {
  return encodeTyped(session, { limits: UNLIMITED }).value;
}

/** `comparableOf` printed with keys sorted: two fingerprints are equal when the data is. */
export function fingerprintOf(session: unknown): string {
  return canonicalJson(comparableOf(session));
}

/**
 * `sizes.sessionCookie`: UTF-8 bytes of `name=value` of the last Set-Cookie line of this
 * response for the session cookie (later lines win in the browser), or null if none names it.
 */
export function sessionCookieBytes(setCookie: readonly string[], cookieName: string): number | null {
  let found: string | null = null;
  for (const line of setCookie) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    if (name === cookieName) found = `${name}=${eq === -1 ? '' : pair.slice(eq + 1).trim()}`;
  }
  return found === null ? null : new TextEncoder().encode(found).length;
}
