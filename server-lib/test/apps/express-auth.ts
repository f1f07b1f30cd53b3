// Rebuilt from expressjs/express examples/auth/index.js (commit a3714473; MIT, see README.md).
// Same middleware order, routes, session use and pbkdf2-password hashing; the ejs views are
// rendered by html() below with the same markup. `wrap` is the one-line mount under test.
import { createRequire } from 'node:module';
import express, { type RequestHandler } from 'express';
import session from 'express-session';
import type { Wrap } from './wrap.js';

const require = createRequire(import.meta.url);
type Hash = (
  opts: { password: string; salt?: string },
  cb: (err: unknown, pass: string, salt: string, hash: string) => void,
) => void;
const hash: Hash = require('pbkdf2-password')();

declare module 'express-session' {
  interface SessionData {
    user: { name: string; salt?: string; hash?: string };
    error: string;
    success: string;
    views: number;
    count: number;
  }
}

export interface User {
  name: string;
  salt?: string;
  hash?: string;
}

/** The example's "database": tj / foobar, hashed once (shared by the apps a test compares). */
export function makeUsers(): Promise<Record<string, User>> {
  const users: Record<string, User> = { tj: { name: 'tj' } };
  return new Promise((resolve, reject) =>
    hash({ password: 'foobar' }, (err, _pass, salt, h) => {
      if (err) return reject(err);
      users.tj!.salt = salt;
      users.tj!.hash = h;
      resolve(users);
    }),
  );
}

function login(message: string): string {
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <title>Authentication Example</title>
  </head>
  <body>
<h1>Login</h1>
${message}
Try accessing <a href="/restricted">/restricted</a>, then authenticate with "tj" and "foobar".
<form method="post" action="/login">
  <p><label for="username">Username:</label> <input type="text" name="username" id="username"></p>
  <p><label for="password">Password:</label> <input type="text" name="password" id="password"></p>
  <p><input type="submit" value="Login"></p>
</form>
  </body>
</html>
`;
}

export function createAuthApp(wrap: Wrap, users: Record<string, User>, store: session.Store) {
  const app = express();

  app.use(express.urlencoded());
  app.use(
    wrap(
      session({
        resave: false, // don't save session if unmodified
        saveUninitialized: false, // don't create session until something stored
        secret: 'shhhh, very secret',
        store,
      }),
    ),
  );

  // Session-persisted message middleware
  app.use(function (req, res, next) {
    const err = req.session.error;
    const msg = req.session.success;
    delete req.session.error;
    delete req.session.success;
    res.locals.message = '';
    if (err) res.locals.message = '<p class="msg error">' + err + '</p>';
    if (msg) res.locals.message = '<p class="msg success">' + msg + '</p>';
    next();
  });

  function authenticate(name: string, pass: string, fn: (err: unknown, user: User | null) => void) {
    const user = users[name];
    if (!user) return fn(null, null);
    hash({ password: pass, salt: user.salt! }, function (err, _pass, _salt, h) {
      if (err) return fn(err, null);
      if (h === user.hash) return fn(null, user);
      fn(null, null);
    });
  }

  const restrict: RequestHandler = function (req, res, next) {
    if (req.session.user) {
      next();
    } else {
      req.session.error = 'Access denied!';
      res.redirect('/login');
    }
  };

  app.get('/', function (_req, res) {
    res.redirect('/login');
  });

  app.get('/restricted', restrict, function (_req, res) {
    res.send('Wahoo! restricted area, click to <a href="/logout">logout</a>');
  });

  app.get('/logout', function (req, res) {
    // destroy the user's session to log them out; will be re-created next request
    req.session.destroy(function () {
      res.redirect('/');
    });
  });

  app.get('/login', function (_req, res) {
    res.send(login(res.locals.message as string));
  });

  app.post('/login', function (req, res, next) {
    if (!req.body) return res.sendStatus(400);
    authenticate(req.body.username, req.body.password, function (err, user) {
      if (err) return next(err);
      if (user) {
        // Regenerate session when signing in to prevent fixation
        req.session.regenerate(function () {
          req.session.user = user;
          req.session.success =
            'Authenticated as ' +
            user.name +
            ' click to <a href="/logout">logout</a>. ' +
            ' You may now access <a href="/restricted">/restricted</a>.';
          res.redirect(req.get('Referrer') || '/');
        });
      } else {
        req.session.error =
          'Authentication failed, please check your ' +
          ' username and password.' +
          ' (use "tj" and "foobar")';
        res.redirect('/login');
      }
    });
  });

  return app;
}
