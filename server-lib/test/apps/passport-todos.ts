// Rebuilt from passport/todos-express-password (commit 0505c28; Unlicense, see README.md):
// app.js, routes/auth.js and routes/index.js with the same middleware order (cookie-parser,
// express-session, csurf, passport.authenticate('session'), the messages and csrfToken
// locals), the same LocalStrategy (pbkdf2, 310000 rounds, sha256) and the same routes.
// Changed: the SQLite database and session store are in memory (sqlite3 compiles from
// source here, minutes per install), the ejs views are html() strings, morgan and static
// files are left out. `wrap` is the one-line mount under test.
import { createRequire } from 'node:module';
import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Wrap } from './wrap.js';

const require = createRequire(import.meta.url);
const csrf: () => RequestHandler = require('csurf');
const ensureLogIn: () => RequestHandler = require('connect-ensure-login').ensureLoggedIn;

interface UserRow {
  id: number;
  username: string;
  hashed_password: Buffer;
  salt: Buffer;
}
interface Todo {
  id: number;
  owner_id: number;
  title: string;
  completed: number | null;
}

/** The initial user alice / letmein, as db.js creates it (made once, shared by the apps a test compares). */
export function makeTodoUsers(): UserRow[] {
  const salt = randomBytes(16);
  return [
    { id: 1, username: 'alice', hashed_password: pbkdf2Sync('letmein', salt, 310000, 32, 'sha256'), salt },
  ];
}

/** The app's database, in memory. */
export class Db {
  readonly todos: Todo[] = [];
  constructor(readonly users: readonly UserRow[]) {}
}

function page(body: string, csrfToken: string, messages: string[]): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Express • TodoMVC</title></head>
<body>
${messages.map((m) => `<p class="message">${m}</p>`).join('\n')}
${body.replaceAll('$CSRF', `<input type="hidden" name="_csrf" value="${csrfToken}">`)}
</body>
</html>
`;
}

export function createTodosApp(wrap: Wrap, db: Db, store: session.Store) {
  // One Passport per app instance: the apps a test compares must not share strategies.
  const pass = new passport.Passport();
  pass.use(
    new LocalStrategy(function verify(username, password, cb) {
      const row = db.users.find((u) => u.username === username);
      if (!row) return cb(null, false, { message: 'Incorrect username or password.' });
      pbkdf2(password, row.salt, 310000, 32, 'sha256', function (err, hashedPassword) {
        if (err) return cb(err);
        if (!timingSafeEqual(row.hashed_password, hashedPassword)) {
          return cb(null, false, { message: 'Incorrect username or password.' });
        }
        return cb(null, row);
      });
    }),
  );
  pass.serializeUser(function (user, cb) {
    process.nextTick(function () {
      const u = user as UserRow;
      cb(null, { id: u.id, username: u.username });
    });
  });
  pass.deserializeUser(function (user, cb) {
    process.nextTick(function () {
      return cb(null, user as Express.User);
    });
  });

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(cookieParser());
  app.use(
    wrap(
      session({
        secret: 'keyboard cat',
        resave: false, // don't save session if unmodified
        saveUninitialized: false, // don't create session until something stored
        store,
      }),
    ),
  );
  app.use(csrf());
  app.use(pass.authenticate('session'));
  app.use(function (req, res, next) {
    const s = req.session as unknown as { messages?: string[] };
    const msgs = s.messages || [];
    res.locals.messages = msgs;
    res.locals.hasMessages = !!msgs.length;
    s.messages = [];
    next();
  });
  app.use(function (req, res, next) {
    res.locals.csrfToken = (req as unknown as { csrfToken(): string }).csrfToken();
    next();
  });
  const render = (res: express.Response, body: string) =>
    res.send(page(body, res.locals.csrfToken as string, res.locals.messages as string[]));

  // routes/auth.js
  app.get('/login', function (_req, res) {
    render(
      res,
      '<form action="/login/password" method="post">$CSRF<input name="username"><input name="password" type="password"><button>Sign in</button></form>',
    );
  });
  app.post(
    '/login/password',
    pass.authenticate('local', {
      successReturnToOrRedirect: '/',
      failureRedirect: '/login',
      failureMessage: true,
    }),
  );
  app.post('/logout', function (req, res, next) {
    req.logout(function (err) {
      if (err) return next(err);
      res.redirect('/');
    });
  });

  // routes/index.js
  const ensureLoggedIn = ensureLogIn();
  const user = (req: express.Request) => req.user as { id: number; username: string };
  app.get('/', function (req, res) {
    if (!req.user) return render(res, '<h2>todos helps you get things done</h2><a href="/login">Sign in</a>');
    const todos = db.todos.filter((t) => t.owner_id === user(req).id);
    render(
      res,
      `<p>${user(req).username}</p><ul>${todos.map((t) => `<li>${t.title}</li>`).join('')}</ul>` +
        '<form action="/" method="post">$CSRF<input name="title"></form><form action="/logout" method="post">$CSRF<button>Sign out</button></form>',
    );
  });
  app.post(
    '/',
    ensureLoggedIn,
    function (req, _res, next) {
      req.body.title = req.body.title.trim();
      next();
    },
    function (req, res) {
      if (req.body.title !== '') {
        db.todos.push({
          id: db.todos.length + 1,
          owner_id: user(req).id,
          title: req.body.title,
          completed: null,
        });
      }
      return res.redirect('/' + (req.body.filter || ''));
    },
  );

  return app;
}
