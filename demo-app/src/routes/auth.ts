import { createHmac } from 'node:crypto';
import { Router } from 'express';
import { destroy, regenerate, save, session, setRemember } from '../session-access.js';

function username(body: unknown): string {
  const name = (body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 64) : 'ann';
}

/** Login with and without id rotation, logout, remember-me. */
/** A per-login CSRF token kept in the session, as csurf-style apps do: secret, so the panel shows it redacted. */
function csrfToken(secret: string, user: string, at: string): string {
  return createHmac('sha256', secret).update(`${user}\n${at}`).digest('base64url');
}

export function authRoutes(secret: string): Router {
  const router = Router();

  // The right way: a new session id at the privilege change (OWASP session fixation).
  router.post('/login', async (req, res) => {
    const user = username(req.body);
    // Carry the anonymous visit count and cart over to the new session; the id is what must change.
    const { views, cart } = session(req);
    await regenerate(req);
    Object.assign(session(req), views === undefined ? {} : { views }, cart === undefined ? {} : { cart });
    const loggedInAt = new Date().toISOString();
    Object.assign(session(req), { user, loggedInAt, csrfToken: csrfToken(secret, user, loggedInAt) });
    session(req).flash = `Welcome, ${user}`;
    await save(req);
    res.redirect(303, '/');
  });

  // The wrong way, on purpose: the panel's security check should flag it.
  router.post('/login-fixation', async (req, res) => {
    const user = username(req.body);
    Object.assign(session(req), { user, loggedInAt: new Date().toISOString() });
    await save(req);
    res.redirect(303, '/');
  });

  router.post('/logout', async (req, res) => {
    await destroy(req);
    res.redirect(303, '/');
  });

  router.post('/remember', async (req, res) => {
    setRemember(req, (req.body as { remember?: unknown } | undefined)?.remember === 'on');
    await save(req);
    res.redirect(303, '/');
  });
  return router;
}
