import type { RequestHandler } from 'express';

/** The one line under test: `app.use(wrap(session({...})))`, identity or sessionscope. */
export type Wrap = (middleware: RequestHandler) => RequestHandler;
