/**
 * The app of the sustained-load run (bench/soak.ts): express-session + server-lib,
 * memory payload store. Run with --expose-gc: `GET /__heap` collects garbage and
 * answers `heapUsed` in bytes (answered before the session middleware).
 * argv: <sessionKb> <pairing>. Prints the port on stdout once listening.
 */
import express from 'express';
import session from 'express-session';
import { sessionscope } from '../server-lib/src/index.js';

const [kbText = '1', pairing = ''] = process.argv.slice(2);
const filler = 'x'.repeat(Math.max(0, Number(kbText) * 1024 - 40));
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');

const app = express();
app.get('/__heap', (_req, res) => {
  collect();
  collect();
  res.json({ heapUsed: process.memoryUsage().heapUsed });
});
const sessionMiddleware = session({ secret: 'soak-secret', resave: false, saveUninitialized: false });
app.use(sessionscope(sessionMiddleware, { keys: [pairing], logger: () => {} }));
app.get('/', (req, res) => {
  const s = req.session as unknown as { views?: number; filler?: string };
  s.views = (s.views ?? 0) + 1;
  s.filler ??= filler;
  res.type('text/plain').send(`views ${s.views}`);
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
