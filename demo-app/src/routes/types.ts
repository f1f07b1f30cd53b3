import { Router } from 'express';
import { escape, page } from '../html.js';
import { session, type StoreMode } from '../session-access.js';

/**
 * Values JSON cannot carry. Stores serialize to JSON, so a Map or Buffer only
 * lives in memory for this one request: the panel's after-snapshot shows it
 * typed, the next request sees what the store made of it. Memory mode only,
 * because cookie-session would serialize it into the cookie right away.
 */
export function typesRoutes(mode: StoreMode): Router {
  const router = Router();
  router.get('/types', (req, res) => {
    const s = session(req);
    s.types = {
      date: new Date('2026-01-02T03:04:05.000Z'),
      nested: { list: [1, 'two', null, true], empty: {} },
      unicode: 'héllo ✓',
    };
    if (mode === 'memory') {
      Object.assign(s.types, {
        map: new Map<string, number>([['a', 1]]),
        set: new Set(['x', 'y']),
        buffer: Buffer.from([1, 2, 3]),
      });
    }
    const note =
      mode === 'memory'
        ? 'Map, Set and Buffer added for this request only.'
        : 'Map/Set/Buffer are shown in memory mode only.';
    res.send(
      page(
        'Typed values',
        `<p data-testid="types-note">${escape(note)}</p><a href="/" data-testid="home-link">Home</a>`,
        mode,
      ),
    );
  });
  return router;
}
