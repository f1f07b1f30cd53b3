// Rebuilt from expressjs/express examples/cookie-sessions/index.js (commit a3714473; MIT, see README.md).
import express, { type RequestHandler } from 'express';
import cookieSession from 'cookie-session';
import type { Wrap } from './wrap.js';

export function createCookieSessionsApp(wrap: Wrap) {
  const app = express();

  // add req.session cookie support
  app.use(wrap(cookieSession({ secret: 'manny is cool' }) as unknown as RequestHandler));

  // do something with the session
  app.get('/', function (req, res) {
    const s = req.session as unknown as { count?: number };
    s.count = (s.count || 0) + 1;
    res.send('viewed ' + s.count + ' times\n');
  });

  return app;
}
