import { afterAll, beforeAll, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { DEFAULT_REDACT, sessionscope } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/**
 * Security review #11.3, on the wire: the protocol's one rule (PROTOCOL.md §7) also covers the
 * query string of request.url and the cookie values in response.setCookie, and a user RegExp with
 * the `g` flag redacts on every request, not every other one.
 */
let key: DeveloperKey;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  key = await generateKey();
  const app = express();
  app.use(
    sessionscope(session({ secret: 's', resave: false, saveUninitialized: false }), {
      keys: [key.pairing],
      nodeEnv: 'test',
      redact: [...DEFAULT_REDACT, /^x_/g],
    }),
  );
  app.get('/reset', (req, res) => {
    Object.assign(req.session, { x_secret_thing: 'SECRET-G', password: 'SECRET-P', user: 'ann' });
    res.cookie('remember_token', 'SECRET-COOKIE', { httpOnly: true });
    res.send('ok');
  });
  server = await listen(app);
});
afterAll(() => server.close());

test('query parameters, cookie values and a g-flag RegExp, on every request', async () => {
  const client = new Client(server.url, key.kid);
  for (let i = 0; i < 3; i++) {
    const reply = await client.get('/reset?reset_token=SECRET-Q&next=%2Fhome');
    expect(reply.setCookie.some((l) => l.includes('SECRET-COOKIE'))).toBe(true); // the app's response is untouched
    const p = await payloadOf(reply, server.url, key);
    const text = JSON.stringify(p);
    for (const secret of ['SECRET-G', 'SECRET-P', 'SECRET-COOKIE', 'SECRET-Q'])
      expect(text).not.toContain(secret);
    expect(p.session.after).toMatchObject({ user: 'ann', x_secret_thing: { $ss: 'redacted' } });
    expect(p.response.setCookie.find((l) => l.startsWith('remember_token='))).toMatch(
      /^remember_token=\[redacted\]; /,
    );
    expect(p.request.url).toBe('/reset?reset_token=[redacted]&next=%2Fhome');
    expect(p.redacted.sort()).toEqual(['$.password', '$.x_secret_thing']);
  }
});
