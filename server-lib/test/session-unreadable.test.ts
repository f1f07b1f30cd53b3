import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import express from 'express';
import session from 'express-session';
import cookieSession from 'cookie-session';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';
import { Client, listen, payloadOf } from './support/http.js';

/**
 * PROTOCOL.md §4.6: a session cookie the app could not read (tampered, another secret, an id the
 * store forgot) is reported with ERR_SESSION_UNREADABLE, not passed off as a plain first visit.
 */
let key: DeveloperKey;
const servers: Awaited<ReturnType<typeof listen>>[] = [];
beforeAll(async () => {
  key = await generateKey();
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(middleware: express.RequestHandler): Promise<string> {
  const app = express();
  app.use(sessionscope(middleware, { keys: [key.pairing], nodeEnv: 'test' }));
  app.get('/', (req, res) => {
    const s = (req as unknown as { session: { views?: number } }).session;
    s.views = (s.views ?? 0) + 1;
    res.send('ok');
  });
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

describe('unreadable session cookies', () => {
  test('cookie-session: a tampered cookie', async () => {
    const url = await serve(cookieSession({ name: 'session', keys: ['k1'] }) as express.RequestHandler);
    const client = new Client(url, key.kid);
    const first = await payloadOf(await client.get('/'), url, key);
    expect(first.errors).toEqual([]);
    client.jar.set('session', Buffer.from('{"views":99}').toString('base64'));
    const p = await payloadOf(await client.get('/'), url, key);
    expect(p.session.before).toBeNull();
    expect(p.session.change).toBe('new');
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_SESSION_UNREADABLE']);
    expect(p.errors[0]!.message).toContain('session cookie');
  });

  test('express-session: a stale id after logout is an ordinary new session, not an error', async () => {
    // express-session cannot tell a bad signature from an id its store forgot without the secret,
    // and the latter is its normal lifecycle (destroy() leaves the cookie behind): PROTOCOL.md §4.6.
    const url = await serve(session({ secret: 's', resave: false, saveUninitialized: false }));
    const client = new Client(url, key.kid);
    await client.get('/');
    client.jar.set('connect.sid', 's%3Aforged-id.bad-signature');
    const p = await payloadOf(await client.get('/'), url, key);
    expect(p.session.change).toBe('new');
    expect(p.errors).toEqual([]);
  });
});
