/**
 * Strict validation of a decrypted v1 payload (PROTOCOL.md §4). Every failure names the field,
 * with its path inside the session tree where it is one (`session.after.cart[2]`), so the panel
 * can show one readable error row and keep every other request.
 */
import { PROTOCOL_VERSION } from './constants.js';
import { SessionscopeError } from './errors.js';
import { MIDDLEWARE_KINDS, SESSION_CHANGES, type DebugPayload, type SessionChange } from './payload.js';
import { TAG, childPath } from './typed-value.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

class Invalid extends Error {}

function fail(field: string, problem: string): never {
  throw new Invalid(`Debug payload field "${field}" ${problem}.`);
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function want(ok: boolean, field: string, what: string, value: unknown): void {
  if (!ok) fail(field, `must be ${what}; got ${describe(value)}`);
}

function field(object: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Required fields of each `$ss` tag; anything else a panel does not know is an error, not a guess. */
const TAGS: Record<
  string,
  (node: JsonObject, path: string, push: (value: Json, path: string) => void) => void
> = {
  date: (n, p) => want(n.iso === null || isString(n.iso), `${p}.iso`, 'an ISO 8601 string or null', n.iso),
  bigint: (n, p) =>
    want(isString(n.value) && /^-?\d+$/.test(n.value), `${p}.value`, 'a decimal integer string', n.value),
  undefined: () => undefined,
  number: (n, p) =>
    want(
      ['NaN', 'Infinity', '-Infinity', '-0'].includes(n.value as string),
      `${p}.value`,
      '"NaN", "Infinity", "-Infinity" or "-0"',
      n.value,
    ),
  map: (n, p, push) => {
    want(isCount(n.size), `${p}.size`, 'a count', n.size);
    want(Array.isArray(n.entries), `${p}.entries`, 'an array', n.entries);
    (n.entries as Json[]).forEach((entry, i) => {
      if (Array.isArray(entry) && entry.length === 2) {
        push(entry[0]!, `${p}.entries[${i}][0]`);
        push(entry[1]!, `${p}.entries[${i}][1]`);
      } else {
        want(
          i === (n.entries as Json[]).length - 1 && isObject(entry) && entry[TAG] === 'more',
          `${p}.entries[${i}]`,
          'a [key, value] pair (or a final "more" node)',
          entry,
        );
        push(entry, `${p}.entries[${i}]`);
      }
    });
  },
  set: (n, p, push) => {
    want(isCount(n.size), `${p}.size`, 'a count', n.size);
    want(Array.isArray(n.values), `${p}.values`, 'an array', n.values);
    (n.values as Json[]).forEach((v, i) => push(v, `${p}.values[${i}]`));
  },
  bytes: (n, p) => {
    want(isString(n.type), `${p}.type`, 'a type name', n.type);
    want(isCount(n.length), `${p}.length`, 'a count', n.length);
    want(
      isString(n.base64url) && /^[A-Za-z0-9_-]*$/.test(n.base64url),
      `${p}.base64url`,
      'unpadded base64url',
      n.base64url,
    );
  },
  cycle: (n, p) =>
    want(isString(n.path) && n.path.startsWith('$'), `${p}.path`, 'a path starting with $', n.path),
  instance: (n, p, push) => {
    want(isString(n.className), `${p}.className`, 'a string', n.className);
    want(isObject(n.entries), `${p}.entries`, 'an object', n.entries);
    for (const [k, v] of Object.entries(n.entries as JsonObject)) push(v, childPath(`${p}.entries`, k));
  },
  object: (n, p, push) => {
    want(isObject(n.entries), `${p}.entries`, 'an object', n.entries);
    for (const [k, v] of Object.entries(n.entries as JsonObject)) push(v, childPath(`${p}.entries`, k));
  },
  regexp: (n, p) => {
    want(isString(n.source), `${p}.source`, 'a string', n.source);
    want(isString(n.flags), `${p}.flags`, 'a string', n.flags);
  },
  error: (n, p) => {
    want(isString(n.name), `${p}.name`, 'a string', n.name);
    want(isString(n.message), `${p}.message`, 'a string', n.message);
  },
  function: (n, p) => want(isString(n.name), `${p}.name`, 'a string', n.name),
  symbol: (n, p) => want(isString(n.description), `${p}.description`, 'a string', n.description),
  redacted: () => undefined,
  truncated: (n, p) => {
    want(isCount(n.length), `${p}.length`, 'a count', n.length);
    want(isString(n.preview), `${p}.preview`, 'a string', n.preview);
  },
  more: (n, p) => want(isCount(n.count) && n.count > 0, `${p}.count`, 'a positive count', n.count),
  deep: () => undefined,
};

export const TYPED_TAGS: readonly string[] = Object.keys(TAGS);

/** Walks a typed tree without recursion (a hostile payload may nest deeper than the stack). */
function validateTyped(root: Json, rootPath: string): void {
  const stack: [Json, string][] = [[root, rootPath]];
  const push = (value: Json, path: string): void => {
    stack.push([value, path]);
  };
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value === 'boolean' || typeof value === 'string') continue;
    if (typeof value === 'number') {
      want(Number.isFinite(value), path, 'a finite number', value);
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => push(item, `${path}[${i}]`));
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(value, TAG)) {
      for (const [k, v] of Object.entries(value)) push(v, childPath(path, k));
      continue;
    }
    const tag = value[TAG];
    const check =
      typeof tag === 'string' && Object.prototype.hasOwnProperty.call(TAGS, tag) ? TAGS[tag] : undefined;
    if (!check)
      fail(path, `has an unknown typed-value tag ${describe(tag)} (known: ${TYPED_TAGS.join(', ')})`);
    check(value, path, push);
  }
}

function validateCookie(c: Json | undefined): void {
  if (c === null) return;
  want(isObject(c), 'cookie', 'an object or null', c);
  const o = c as JsonObject;
  want(isString(o.name) && o.name !== '', 'cookie.name', 'a non-empty string', o.name);
  const orNull = (key: string, check: (v: unknown) => boolean, what: string): void => {
    const v = field(o, key);
    want(v === null || check(v), `cookie.${key}`, `${what} or null`, v);
  };
  orNull('path', isString, 'a string');
  orNull('domain', isString, 'a string');
  orNull('httpOnly', (v) => typeof v === 'boolean', 'a boolean');
  orNull('secure', (v) => typeof v === 'boolean' || v === 'auto', 'a boolean or "auto"');
  orNull('sameSite', (v) => isString(v) || typeof v === 'boolean', 'a string or boolean');
  orNull('maxAge', (v) => typeof v === 'number' && Number.isFinite(v), 'a number');
  orNull('expires', isString, 'an ISO 8601 string');
  orNull('partitioned', (v) => typeof v === 'boolean', 'a boolean');
  orNull('priority', isString, 'a string');
  orNull('signed', (v) => typeof v === 'boolean', 'a boolean');
  orNull('rolling', (v) => typeof v === 'boolean', 'a boolean');
}

function validate(json: unknown): DebugPayload {
  want(isObject(json), '(root)', 'an object', json);
  const p = json as JsonObject;
  if (p.v !== PROTOCOL_VERSION) {
    throw new SessionscopeError(
      'ERR_PROTOCOL_VERSION',
      `This panel speaks Sessionscope protocol v${PROTOCOL_VERSION}; the server sent v${String(p.v)}. Update whichever side is older.`,
    );
  }
  want(
    isString(p.requestId) && p.requestId !== '' && p.requestId.length <= 128,
    'requestId',
    'a non-empty string (at most 128 characters)',
    p.requestId,
  );
  want(isCount(p.startedAt), 'startedAt', 'epoch milliseconds (a non-negative integer)', p.startedAt);
  want(isCount(p.sealedAt), 'sealedAt', 'epoch milliseconds (a non-negative integer)', p.sealedAt);

  want(isObject(p.request), 'request', 'an object', p.request);
  const request = p.request as JsonObject;
  want(
    isString(request.method) && request.method !== '',
    'request.method',
    'a non-empty string',
    request.method,
  );
  want(isString(request.url), 'request.url', 'a string', request.url);

  want(isObject(p.response), 'response', 'an object', p.response);
  const response = p.response as JsonObject;
  const status = response.status;
  want(
    typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 999,
    'response.status',
    'an HTTP status (100-999)',
    status,
  );
  want(Array.isArray(response.setCookie), 'response.setCookie', 'an array of strings', response.setCookie);
  (response.setCookie as Json[]).forEach((line, i) =>
    want(isString(line), `response.setCookie[${i}]`, 'a string', line),
  );

  want(isObject(p.middleware), 'middleware', 'an object', p.middleware);
  const middleware = p.middleware as JsonObject;
  const kinds = Object.keys(MIDDLEWARE_KINDS);
  want(
    isString(middleware.kind) && kinds.includes(middleware.kind),
    'middleware.kind',
    `one of ${kinds.join(', ')}`,
    middleware.kind,
  );
  want(
    middleware.store === null || isString(middleware.store),
    'middleware.store',
    'a string or null',
    field(middleware, 'store'),
  );

  want(isObject(p.session), 'session', 'an object', p.session);
  const session = p.session as JsonObject;
  for (const side of ['before', 'after'] as const) {
    const value = field(session, side);
    want(value !== undefined, `session.${side}`, 'a typed value or null', value);
    validateTyped(value!, `session.${side}`);
  }
  for (const id of ['idBefore', 'idAfter'] as const) {
    const value = field(session, id);
    want(
      value === null || (isString(value) && value !== ''),
      `session.${id}`,
      'a non-empty string or null',
      value,
    );
  }
  want(
    SESSION_CHANGES.includes(session.change as SessionChange),
    'session.change',
    `one of ${SESSION_CHANGES.join(', ')}`,
    session.change,
  );
  if (session.change === 'regenerated') {
    want(
      isString(session.idBefore) && isString(session.idAfter) && session.idBefore !== session.idAfter,
      'session.change',
      '"regenerated" only with two different ids',
      session.change,
    );
  }

  validateCookie(field(p, 'cookie'));

  want(isObject(p.sizes), 'sizes', 'an object', p.sizes);
  const sizes = p.sizes as JsonObject;
  for (const key of ['sessionBefore', 'sessionAfter', 'sessionCookie'] as const) {
    const value = field(sizes, key);
    want(value === null || isCount(value), `sizes.${key}`, 'a byte count or null', value);
  }
  const ttl = field(p, 'storeTtlMs');
  want(ttl === null || isCount(ttl), 'storeTtlMs', 'milliseconds (a non-negative integer) or null', ttl);
  want(Array.isArray(p.redacted), 'redacted', 'an array of paths', p.redacted);
  (p.redacted as Json[]).forEach((path, i) =>
    want(isString(path) && path.startsWith('$'), `redacted[${i}]`, 'a path starting with $', path),
  );
  want(typeof p.truncated === 'boolean', 'truncated', 'a boolean', p.truncated);
  want(Array.isArray(p.errors), 'errors', 'an array', p.errors);
  (p.errors as Json[]).forEach((e, i) => {
    want(isObject(e), `errors[${i}]`, 'an object', e);
    const error = e as JsonObject;
    want(
      isString(error.code) && /^[A-Z][A-Z0-9_]*$/.test(error.code),
      `errors[${i}].code`,
      'an upper-case code like ERR_STORE_UNAVAILABLE',
      error.code,
    );
    want(isString(error.message), `errors[${i}].message`, 'a string', error.message);
  });
  return json as unknown as DebugPayload;
}

/**
 * Checks decrypted JSON against the v1 schema. An unknown version is its own error
 * (ERR_PROTOCOL_VERSION), named plainly, so that an old panel never guesses at a newer server;
 * anything else that breaks the schema is ERR_PAYLOAD_MALFORMED naming the field.
 */
export function validatePayload(json: unknown): DebugPayload {
  try {
    return validate(json);
  } catch (error) {
    if (error instanceof Invalid) throw new SessionscopeError('ERR_PAYLOAD_MALFORMED', error.message);
    throw error;
  }
}
