// Rebuilt from expressjs/express examples/session/index.js (commit a3714473; MIT, see README.md).
import express from 'express';
import session from 'express-session';
import type { Wrap } from './wrap.js';

export function createSessionApp(wrap: Wrap, store: session.Store) {
  const app = express();

  // Populates req.session
  app.use(
    wrap(
      session({
        resave: false, // don't save session if unmodified
        saveUninitialized: false, // don't create session until something stored
        secret: 'keyboard cat',
        store,
      }),
    ),
  );

  app.get('/', function (req, res) {
    let body = '';
    if (req.session.views) {
      ++req.session.views;
    } else {
      req.session.views = 1;
      body += '<p>First time visiting? view this page in several browsers :)</p>';
    }
    res.send(body + '<p>viewed <strong>' + req.session.views + '</strong> times.</p>');
  });

  return app;
}
