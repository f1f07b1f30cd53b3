import { Router } from 'express';
import { session } from '../session-access.js';

/**
 * Grows the session by ~1 KB per call, to watch a cookie-session cookie pass
 * the browser's 4096-byte limit and the debug payload switch to by-reference.
 * The text is deterministic so that runs with and without Sessionscope compare.
 */
export function bloatChunk(index: number): string {
  const line = `chunk ${index}: the quick brown fox jumps over the lazy dog. `;
  return line.repeat(Math.ceil(1000 / line.length)).slice(0, 1000);
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
