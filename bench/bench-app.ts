/**
 * One app instance for the server benchmark, in its own process so that the load
 * generator and the app do not share a core. argv: <with|without> <sessionKb> <pairing>
 * Prints the port on stdout once listening.
 */
import express from 'express';
import session from 'express-session';

// The built package (tsup, what `npm install sessionscope` gives) by default: tsx's transform
// of the sources adds a keepNames call per closure created, ~10 % of a paired request that
// no user pays. BENCH_LIB=src measures the sources through tsx instead.
const lib = process.env.BENCH_LIB === 'src' ? '../server-lib/src/index.js' : '../server-lib/dist/index.js';
const { sessionscope } = (await import(lib)) as typeof import('../server-lib/src/index.js');

const [mode = 'without', kbText = '1', pairing = ''] = process.argv.slice(2);
const filler = 'x'.repeat(Math.max(0, Number(kbText) * 1024 - 40));

const sessionMiddleware = session({ secret: 'bench-secret', resave: false, saveUninitialized: false });
const app = express();
app.use(
  mode === 'with'
    ? sessionscope(sessionMiddleware, { keys: [pairing], enabled: true, logger: () => {} })
    : sessionMiddleware,
);
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
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
