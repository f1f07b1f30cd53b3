import { Router } from 'express';
import { session } from '../session-access.js';

/**
 * Grows the session by 600 bytes per call, to watch a cookie-session cookie pass
 * the browser's 4096-byte limit and the debug payload switch to by-reference.
 * 600 bytes become ~810 bytes of base64 cookie: smaller than the 819-byte band between
 * the panel's 80 % warning and the limit, so some click always lands in the warning.
 * The text is deterministic so that runs with and without Sessionscope compare.
 */
export const BLOAT_CHUNK = 600;

export function bloatChunk(index: number): string {
  const line = `chunk ${index}: the quick brown fox jumps over the lazy dog. `;
  return line.repeat(Math.ceil(BLOAT_CHUNK / line.length)).slice(0, BLOAT_CHUNK);
}

export function bloatRoutes(): Router {
  const router = Router();
  router.post('/bloat', (req, res) => {
    const s = session(req);
    const list: string[] = Array.isArray(s.bloat) ? s.bloat : [];
    s.bloat = [...list, bloatChunk(list.length)];
    res.redirect(303, '/');
  });
  router.post('/bloat/reset', (req, res) => {
    delete session(req).bloat;
    res.redirect(303, '/');
  });
  return router;
}
