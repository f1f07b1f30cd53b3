import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import express from 'express';
import session from 'express-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/** Secrets in a session never leave the server, however deep they sit; production stays off. */
let key: DeveloperKey;
let server: Awaited<ReturnType<typeof listen>>;

class Account {
  constructor(
    public name: string,
    public apiKey: string,
  ) {}
}

beforeAll(async () => {
  key = await generateKey();
  const app = express();
  app.use(
    sessionscope(session({ secret: 's', resave: false, saveUninitialized: false }), {
      keys: [key.pairing],
      nodeEnv: 'test',
    }),
  );
  app.get('/', (req, res) => {
    Object.assign(req.session, {
      user: { name: 'ann', profile: { password: 'SECRET-1', prefs: { theme: 'dark' } } },
      tokens: [{ accessToken: 'SECRET-2' }, { refresh_token: 'SECRET-3', kind: 'refresh' }],
      nested: [[{ deeper: [{ clientSecret: 'SECRET-4' }] }]],
      account: new Account('ann', 'SECRET-5'),
      'X-CSRF-Token': 'SECRET-6',
      wallet: { cardNumber: 'SECRET-7', cvv: 'SECRET-8', last4: '4242' },
    });
    res.send('ok');
  });
  server = await listen(app);
});
afterAll(() => server.close());

describe('redaction inside nested objects and arrays', () => {
  test('every secret-looking key is redacted at any depth, in arrays and class instances; the rest stays', async () => {
    const p = await payloadOf(await new Client(server.url, key.kid).get('/'), server.url, key);
    const text = JSON.stringify(p);
    for (let i = 1; i <= 8; i++) expect(text).not.toContain(`SECRET-${i}`);
    expect(p.redacted.sort()).toEqual(
      [
        '$.user.profile.password',
        // `tokens` itself looks secret now (security review #11.3): the whole list goes.
        '$.tokens',
        '$.nested[0][0].deeper[0].clientSecret',
        '$.account.apiKey',
        // A key that is not an identifier is quoted in paths (PROTOCOL.md §5.3).
        '$["X-CSRF-Token"]',
        '$.wallet.cardNumber',
        '$.wallet.cvv',
      ].sort(),
    );
    expect(p.session.after).toMatchObject({
      user: { name: 'ann', profile: { password: { $ss: 'redacted' }, prefs: { theme: 'dark' } } },
      tokens: { $ss: 'redacted' },
      nested: [[{ deeper: [{ clientSecret: { $ss: 'redacted' } }] }]],
      account: {
        $ss: 'instance',
        className: 'Account',
        entries: { name: 'ann', apiKey: { $ss: 'redacted' } },
      },
      wallet: { last4: '4242' },
    });
  });

  test('the next request shows the stored (JSON) session redacted the same way in "before"', async () => {
    const client = new Client(server.url, key.kid);
    await client.get('/');
    const p = await payloadOf(await client.get('/'), server.url, key);
    expect(JSON.stringify(p.session.before)).not.toMatch(/SECRET-\d/);
    expect(p.redacted).toContain('$.nested[0][0].deeper[0].clientSecret');
  });
});

describe('Map entries', () => {
  test('a Map value under a secret-looking string key is redacted', async () => {
    const { encodeTyped } = await import('../../protocol/src/index.js');
    const { redactPredicate } = await import('../src/redact.js');
    const { DEFAULT_REDACT } = await import('../src/index.js');
    const out = encodeTyped(
      { m: new Map([['password', 'SECRET-MAP']]) },
      { redact: redactPredicate(DEFAULT_REDACT) },
    );
    expect(JSON.stringify(out.value)).not.toContain('SECRET-MAP');
  });
});

describe('production guard', () => {
  const noop = (_req: unknown, _res: unknown, next: () => void) => next();

  test('NODE_ENV=production from the environment (no nodeEnv option) refuses to start', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect(() => sessionscope(noop, { keys: [key.pairing] })).toThrow(TypeError);
      expect(() => sessionscope(noop, { keys: [key.pairing] })).toThrow('NODE_ENV is "production"');
      expect(() => sessionscope(noop, { keys: [key.pairing], enabled: true })).toThrow(
        'NODE_ENV is "production"',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test.each([['yes'], [1], ['true'], [{}]])('allowInProduction: %j is not `true`: still refused', (value) => {
    expect(() =>
      sessionscope(noop, { keys: [key.pairing], nodeEnv: 'production', allowInProduction: value as never }),
    ).toThrow('NODE_ENV is "production"');
  });

  test('keys from SESSIONSCOPE_KEYS in production are refused too', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('SESSIONSCOPE_KEYS', key.pairing);
    try {
      expect(() => sessionscope(noop)).toThrow('NODE_ENV is "production"');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
