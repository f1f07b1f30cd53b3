import { Router } from 'express';
import { escape, form, page } from '../html.js';
import { session, type StoreMode } from '../session-access.js';

const THEMES = ['light', 'dark', 'system'];
const LANGUAGES = ['en', 'fr', 'de'];

function pick(value: unknown, allowed: string[]): string {
  return typeof value === 'string' && allowed.includes(value) ? value : allowed[0]!;
}

/** Nested preferences: theme, language, notifications {email, sms}. */
export function prefsRoutes(mode: StoreMode): Router {
  const router = Router();

  router.get('/prefs', (req, res) => {
    const prefs = session(req).prefs;
    const body = `<p>Current: <code data-testid="prefs-current">${escape(JSON.stringify(prefs ?? null))}</code></p>
${form('/prefs', 'prefs', 'Save', [
  ['theme', prefs?.theme ?? 'dark', 'Theme (light/dark/system)'],
  ['language', prefs?.language ?? 'fr', 'Language (en/fr/de)'],
  ['email', prefs?.notifications?.email === false ? 'off' : 'on', 'Email (on/off)'],
  ['sms', prefs?.notifications?.sms ? 'on' : 'off', 'SMS (on/off)'],
])}`;
    res.send(page('Preferences', body, mode));
  });

  router.post('/prefs', (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    session(req).prefs = {
      theme: pick(b.theme, THEMES),
      language: pick(b.language, LANGUAGES),
      notifications: { email: b.email === 'on', sms: b.sms === 'on' },
    };
    res.redirect(303, '/prefs');
  });
  return router;
}
