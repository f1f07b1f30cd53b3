/**
 * The conformance vectors, run by the TypeScript implementation (the Python adapter runs the same
 * files: adapters/flask/tests/test_vectors.py). A failing vector is a protocol bug on one side.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_REDACT,
  REDACTION_VOCABULARY,
  SessionscopeError,
  encodeTyped,
  fingerprintOf,
  formatInlineHeader,
  formatRefHeader,
  isSecretName,
  joinedName,
  nameWords,
  openPayload,
  parseDebugHeader,
  parsePairing,
  redactCookieHeader,
  redactPredicate,
  redactSetCookie,
  redactUrl,
  sessionChange,
  sessionCookieBytes,
  validatePayload,
  type RedactRule,
} from '../src/index.js';
import { build, forTypeScript, type Notation } from './notation.js';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;

async function code(work: () => unknown): Promise<string> {
  try {
    await work();
    return 'OK';
  } catch (error) {
    expect(error).toBeInstanceOf(SessionscopeError);
    return (error as SessionscopeError).code;
  }
}

interface TypedVector {
  name: string;
  only?: string;
  input: Notation;
  limits?: Record<string, number>;
  redact?: 'default';
  expected: { value: unknown; redacted: string[]; truncated: boolean };
}

describe('typed values (typed-values.json)', () => {
  const { vectors } = load<{ vectors: TypedVector[] }>('typed-values.json');
  test.each(vectors.filter(forTypeScript).map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const input = build(v.input);
    // `exact` is TypeScript's own shortcut (typed-value.ts), not part of the shared vectors.
    const { exact, ...result } = encodeTyped(input, {
      limits: v.limits ?? {},
      ...(v.redact === 'default' ? { redact: redactPredicate(DEFAULT_REDACT) } : {}),
    });
    expect(result).toEqual(v.expected);
    if (exact) expect(JSON.stringify(result.value)).toBe(JSON.stringify(input));
    // What crosses the wire is JSON: the tree survives it unchanged.
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(v.expected.value);
  });
});

describe('redaction (redaction.json)', () => {
  const r = load<{
    vocabulary: typeof REDACTION_VOCABULARY;
    words: { name: string; words: string[]; joined: string }[];
    secret: string[];
    notSecret: string[];
    urls: { url: string; expected: string }[];
    setCookies: { line: string; alsoNames?: string[]; expected: string }[];
    cookieHeaders: { header: string; expected: string }[];
    userRules: {
      rules: ({ name: string } | { regexp: string; flags: string })[];
      decisions: [string, boolean][];
    }[];
  }>('redaction.json');
  const rule = redactPredicate(DEFAULT_REDACT);

  test('the built-in vocabulary is the protocol vocabulary', () => {
    expect(REDACTION_VOCABULARY).toEqual(r.vocabulary);
  });
  test.each(r.words.map((w) => [w.name, w] as const))('words and joined form of %j', (_n, w) => {
    expect(nameWords(w.name)).toEqual(w.words);
    expect(joinedName(w.name)).toEqual(w.joined);
  });
  test.each(r.secret)('%j is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(rule(name)).toBe(true);
  });
  test.each(r.notSecret)('%j is not secret', (name) => {
    expect(isSecretName(name)).toBe(false);
    expect(rule(name)).toBe(false);
  });
  test.each(r.urls.map((u) => [u.url, u] as const))('query parameters of %s', (_u, u) => {
    expect(redactUrl(u.url, rule)).toBe(u.expected);
  });
  test.each(r.setCookies.map((c) => [c.line, c] as const))('Set-Cookie %s', (_l, c) => {
    expect(redactSetCookie(c.line, rule, c.alsoNames ?? [])).toBe(c.expected);
  });
  test.each(r.cookieHeaders.map((c) => [c.header, c] as const))('Cookie %s', (_h, c) => {
    expect(redactCookieHeader(c.header, rule)).toBe(c.expected);
  });
  test('user rules', () => {
    for (const set of r.userRules) {
      const rules: RedactRule[] = set.rules.map((x) =>
        'name' in x ? x.name : new RegExp(x.regexp, x.flags),
      );
      const predicate = redactPredicate(rules);
      expect(set.decisions.map(([name]) => predicate(name))).toEqual(set.decisions.map(([, d]) => d));
    }
  });
});

describe('change (change.json)', () => {
  interface Side {
    exists: boolean;
    id?: string | null;
    data?: Notation;
  }
  const { vectors } = load<{
    vectors: { name: string; only?: string; before: Side; after: Side; expected: string }[];
  }>('change.json');
  const side = (s: Side) => ({
    exists: s.exists,
    id: s.id ?? null,
    fingerprint: s.exists ? fingerprintOf(build(s.data ?? null)) : null,
  });
  test.each(vectors.filter(forTypeScript).map((v) => [v.name, v] as const))('%s', (_n, v) => {
    expect(sessionChange(side(v.before), side(v.after))).toBe(v.expected);
  });
});

describe('sizes (sizes.json)', () => {
  const s = load<{
    sessionJson: { data: Notation; bytes: number }[];
    sessionCookie: { setCookie: string[]; name: string; bytes: number | null }[];
  }>('sizes.json');
  test.each(s.sessionJson.map((c) => [JSON.stringify(c.data), c] as const))('session JSON %s', (_d, c) => {
    expect(Buffer.byteLength(JSON.stringify(build(c.data)), 'utf8')).toBe(c.bytes);
  });
  test.each(s.sessionCookie.map((c) => [JSON.stringify(c.setCookie), c] as const))(
    'session cookie in %s',
    (_l, c) => {
      expect(sessionCookieBytes(c.setCookie, c.name)).toBe(c.bytes);
    },
  );
});

describe('header (header.json)', () => {
  const h = load<{
    parse: { value: string; ok?: unknown; error?: string }[];
    format: { inline?: string; ref?: string; mountPath?: string; expected: string; bytes?: number }[];
  }>('header.json');
  test.each(h.parse.map((c) => [c.value, c] as const))('parse %j', async (_v, c) => {
    if (c.ok) expect(parseDebugHeader(c.value)).toEqual(c.ok);
    else expect(await code(() => parseDebugHeader(c.value))).toBe(c.error);
  });
  test.each(h.format.map((c) => [c.expected, c] as const))('format %s', (_e, c) => {
    const value = c.inline
      ? formatInlineHeader(c.inline)
      : formatRefHeader(c.ref!, `${c.mountPath}/payload/${c.ref}`);
    expect(value).toBe(c.expected);
    if (c.bytes !== undefined) expect(new TextEncoder().encode(value).length).toBe(c.bytes);
  });
});

describe('keys and JWE (jwe.json)', () => {
  const j = load<{
    pairing: string;
    keys: { pairing: string; kid?: string; error?: string }[];
    open: { name: string; jwe: string; plaintext?: string; error?: string }[];
  }>('jwe.json');
  test.each(j.keys.map((k) => [k.pairing, k] as const))('pairing %j', async (_p, k) => {
    if (k.kid) expect((await parsePairing(k.pairing)).kid).toBe(k.kid);
    else expect(await code(() => parsePairing(k.pairing))).toBe(k.error);
  });
  test.each(j.open.map((o) => [o.name, o] as const))('open: %s', async (_n, o) => {
    const key = await parsePairing(j.pairing);
    if (o.plaintext) expect(await openPayload(o.jwe, [key])).toEqual(JSON.parse(o.plaintext));
    else expect(await code(() => openPayload(o.jwe, [key]))).toBe(o.error);
  });
});

describe('payload validation (payloads.json)', () => {
  const p = load<{
    valid: Record<string, unknown>;
    cases: {
      about?: string;
      set?: string;
      value?: unknown;
      delete?: string;
      ok?: boolean;
      field?: string;
      error?: string;
    }[];
  }>('payloads.json');
  function mutate(c: (typeof p.cases)[number]): unknown {
    const copy = structuredClone(p.valid);
    const path = (c.set ?? c.delete)?.split('.');
    if (!path) return copy;
    let node = copy as Record<string, unknown>;
    for (const part of path.slice(0, -1)) node = node[part] as Record<string, unknown>;
    if (c.set) node[path.at(-1)!] = c.value;
    else delete node[path.at(-1)!];
    return copy;
  }
  test.each(p.cases.map((c) => [c.about ?? `${c.set ? 'set' : 'delete'} ${c.set ?? c.delete}`, c] as const))(
    '%s',
    (_a, c) => {
      const payload = mutate(c);
      if (c.ok) {
        expect(validatePayload(payload)).toBe(payload);
        return;
      }
      let error: unknown;
      try {
        validatePayload(payload);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SessionscopeError);
      const e = error as SessionscopeError;
      expect(e.code).toBe(c.error ?? 'ERR_PAYLOAD_MALFORMED');
      if (c.field) expect(e.message).toContain(`Debug payload field "${c.field}"`);
    },
  );
});
