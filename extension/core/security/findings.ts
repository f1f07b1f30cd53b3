import { MIDDLEWARE_KINDS, type DebugPayload } from '../../../protocol/src/index.js';
import { jsonText } from '../../../protocol/src/json-text.js';
import type { Plain } from '../../../protocol/src/typed-value.js';

export type SecuritySeverity = 'error' | 'warning';

export interface SecurityFinding {
  id: 'session-fixation' | 'readable-secret' | 'secret-in-client-cookie';
  severity: SecuritySeverity;
  /** Index of the request that caused it, so the panel can point at it. */
  requestIndex: number;
  title: string;
  /** One sentence on the risk. */
  risk: string;
}

/** Keys whose presence means "this session now belongs to someone". */
const IDENTITY_KEY =
  /^(user|userId|user_id|username|account|accountId|uid|login|passport|auth|authUser|currentUser|email)$/i;
/** Keys that look like secrets when they sit in a readable client-side cookie. */
export const SECRET_KEY =
  /(pass(word|wd)?|secret|token|csrf|xsrf|api[-_]?key|private[-_]?key|credential|otp|ssn|cvv|card[-_]?number)/i;

function identityOf(session: Plain | null): string | undefined {
  if (session === null || typeof session !== 'object' || Array.isArray(session)) return undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(session)) {
    if (IDENTITY_KEY.test(key) && value !== null && value !== '') parts.push(`${key}=${jsonText(value)}`);
  }
  return parts.length > 0 ? parts.sort().join('&') : undefined;
}

/**
 * Session fixation (OWASP): the session gained or changed identity while its id stayed
 * the same. An attacker who planted that id before login now shares the logged-in session.
 */
export function fixationFinding(payload: DebugPayload, requestIndex: number): SecurityFinding | undefined {
  const { session } = payload;
  // Any kind whose session has an id in the cookie (PROTOCOL.md §4.2: express-session,
  // flask-session, and `other` when it sends ids): an id kept across a login is the finding.
  if (session.idBefore === null || session.idBefore !== session.idAfter) return undefined;
  const before = identityOf(session.before);
  const after = identityOf(session.after);
  if (after === undefined || after === before) return undefined;
  return {
    id: 'session-fixation',
    severity: 'error',
    requestIndex,
    title: `Login kept the session id (${payload.request.method} ${payload.request.url})`,
    risk: `The session gained an identity without a new id: anyone who knew the old id (fixed before login) is now logged in as this user; ${REGENERATE_ADVICE[payload.middleware.kind] ?? 'give the session a new id at login'}.`,
  };
}

const REGENERATE_ADVICE: Partial<Record<string, string>> = {
  'express-session': 'call req.session.regenerate() on login',
  'flask-session':
    'give the session a new id at login (Flask-Session ≥ 0.6: app.session_interface.regenerate(session))',
};

/** Paths in a typed session tree whose key looks like a secret (walked with its own stack: any depth). */
export function secretPaths(value: Plain | null, path = '$'): string[] {
  const out: string[] = [];
  const stack: [Plain | null, string][] = [[value, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const children: [Plain, string][] = Array.isArray(node)
      ? node.map((item, i) => [item, `${at}[${i}]`])
      : Object.entries(node).map(([key, child]) => {
          const childPath = `${at}.${key}`;
          if (key !== '$ss' && SECRET_KEY.test(key)) out.push(childPath);
          return [child, childPath];
        });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/**
 * A client-side session (cookie-session, Flask) is signed, not encrypted: anyone holding
 * the cookie reads it. Secrets there are disclosed. Uses the paths server-lib redacted
 * (it saw the values) and secret-looking keys still visible in the tree.
 */
export function clientSecretFinding(
  payload: DebugPayload,
  requestIndex: number,
): SecurityFinding | undefined {
  // Kinds whose data lives in the cookie itself (PROTOCOL.md §4.2): cookie-session and flask.
  if (MIDDLEWARE_KINDS[payload.middleware.kind].storage !== 'cookie') return undefined;
  const paths = [...new Set([...payload.redacted, ...secretPaths(payload.session.after)])];
  if (paths.length === 0) return undefined;
  return {
    id: 'secret-in-client-cookie',
    severity: 'error',
    requestIndex,
    title: `Secret-looking data in a readable cookie session: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ' …' : ''}`,
    risk: `${payload.middleware.kind} stores the session in the cookie itself, signed but not encrypted: anyone with the cookie (browser extensions, logs, a shared machine) reads these values.`,
  };
}

/** The same check for a cookie decoded without server-lib (Flask, cookie-session). */
export function decodedSecretFinding(
  cookieName: string,
  data: Plain | null,
  requestIndex: number,
): SecurityFinding | undefined {
  const paths = secretPaths(data);
  if (paths.length === 0) return undefined;
  return {
    id: 'readable-secret',
    severity: 'error',
    requestIndex,
    title: `Cookie ${cookieName} carries readable secret-looking data: ${paths.slice(0, 3).join(', ')}`,
    risk: 'This cookie is signed, not encrypted: its content is readable by anyone who holds it. Keep secrets server-side.',
  };
}
