import { Router } from 'express';
import { escape, form, page } from '../html.js';
import { session, type StoreMode } from '../session-access.js';

/** Home: the visit counter (every visit modifies the session) and a form for every feature. */
export function homeRoutes(mode: StoreMode): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const s = session(req);
    s.views = (typeof s.views === 'number' ? s.views : 0) + 1;
    // Flash: shown once, then consumed (the consumption is itself a session change).
    const flash = typeof s.flash === 'string' ? s.flash : null;
    if (flash !== null) delete s.flash;
    const items = Array.isArray(s.cart?.items) ? s.cart.items : [];
    const bloat = Array.isArray(s.bloat) ? s.bloat.length : 0;
    const body = `
${flash ? `<p role="status" data-testid="flash">${escape(flash)}</p>` : ''}
<p>Visits: <strong data-testid="views">${escape(s.views)}</strong></p>
<p>User: <strong data-testid="user">${escape(s.user ?? 'anonymous')}</strong> · Remember me: <span data-testid="remember-state">${s.remember ? 'on' : 'off'}</span> · Cart items: <span data-testid="cart-count">${items.length}</span> · Bloat chunks: <span data-testid="bloat-count">${bloat}</span></p>
<section><h2>Login</h2>
${form('/login', 'login', 'Log in (rotates the session id)', [['username', 'ann', 'Username']])}
${form('/login-fixation', 'login-fixation', 'Log in WITHOUT rotating the id (fixation)', [['username', 'mallory', 'Username']])}
${form('/logout', 'logout', 'Log out (destroy)')}</section>
<section><h2>Remember me</h2>
${form('/remember', 'remember-on', 'Remember me (30-day cookie)', [['remember', 'on']])}
${form('/remember', 'remember-off', 'Forget me (browser-session cookie)', [['remember', 'off']])}</section>
<section><h2>Flash</h2>${form('/flash', 'flash-set', 'Set a flash message', [['message', 'Saved!', 'Message']])}</section>
<section><h2>Cart</h2>${form('/cart/add', 'home-cart-add', 'Add to cart', [
      ['name', 'Teapot', 'Item'],
      ['qty', '1', 'Qty'],
    ])} <a href="/cart" data-testid="cart-link">Open cart</a></section>
<section><h2>Grow the session</h2>
${form('/bloat', 'bloat', 'Add ~1 KB')}${form('/bloat/reset', 'bloat-reset', 'Reset')}</section>
<section><h2>More</h2><a href="/prefs" data-testid="prefs-link">Preferences</a> · <a href="/wizard/1" data-testid="wizard-link">Wizard</a> · <a href="/types" data-testid="types-link">Typed values</a></section>`;
    res.send(page('Sessionscope demo', body, mode));
  });

  router.post('/flash', (req, res) => {
    session(req).flash = String(req.body?.message ?? 'Hello from the previous request');
    res.redirect(303, '/');
  });
  return router;
}
