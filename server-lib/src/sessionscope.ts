import type { ServerResponse } from 'node:http';
import {
  KEY_ID_HEADER,
  describeError,
  type DebugPayload,
  type PayloadError,
} from '../../protocol/src/index.js';
import { resolveOptions, type ResolvedOptions, type SessionscopeOptions } from './options.js';
import { KeyRing, type RingKey } from './keyring.js';
import { payloadEndpoint } from './payload-endpoint.js';
import { References } from './references.js';
import { observerFor, type Observer, type SessionRequest } from './observer.js';
import { buildPayload, errorPayload, type RequestFacts } from './build-payload.js';
import { setCookieList } from './cookies.js';
import { debugHeader, storeError, withoutValues, type HeaderPlan } from './debug-header.js';
import { addPairedHeaders, type Applied } from './paired-headers.js';
import type { SessionTexts } from './payload-text.js';
import { pttlReader, redisPrefix, StoreExpiries, type ReadTtl } from './store-ttl.js';

type Next = (err?: unknown) => void;
/** Express's RequestHandler shape, without depending on Express's types. */
export type SessionMiddleware = (req: any, res: any, next: Next) => unknown;

const KID = KEY_ID_HEADER.toLowerCase();

/** What every observed request of one middleware instance shares, made once at setup. */
interface Shared {
  opts: ResolvedOptions;
  refs: References;
  expiries: StoreExpiries;
  ttlSources: WeakMap<object, TtlSource | null>;
  sessionMiddleware: SessionMiddleware;
}

interface TtlSource {
  read: ReadTtl;
  prefix: string;
}

/**
 * Wraps the app's session middleware (express-session or cookie-session):
 *   app.use(sessionscope(session({...})))
 * Requests without a known key id go straight to the session middleware: not one byte
 * of their response changes. With debug mode off (see debug-mode.ts) the session
 * middleware itself is returned.
 */
export function sessionscope<M extends SessionMiddleware>(
  sessionMiddleware: M,
  options: SessionscopeOptions = {},
): M {
  if (typeof sessionMiddleware !== 'function') {
    throw new TypeError(
      'sessionscope: the first argument must be your session middleware, e.g. sessionscope(session({...}), options).',
    );
  }
  const opts = resolveOptions(options);
  if (!opts.mode.on) {
    opts.logger(`debug mode is off: ${opts.mode.reason}.`);
    return sessionMiddleware;
  }
  const ring = new KeyRing(opts.pairings);
  const refs = new References(opts.payloadStore, opts.logger);
  const endpoint = payloadEndpoint(opts.mountPath, ring, refs, opts.logger);
  const shared: Shared = {
    opts,
    refs,
    expiries: new StoreExpiries(),
    ttlSources: new WeakMap(),
    sessionMiddleware,
  };
  opts.logger(
    `debug mode is on (${opts.mode.reason}) for key id${ring.keys.length > 1 ? 's' : ''} ${ring.kids.join(', ')} ` +
      `(the panel shows the id of the key it is paired with); large payloads at ${opts.mountPath}/payload/.`,
  );

  function sessionscopeMiddleware(req: ObservedRequest, res: ServerResponse, next: Next) {
    const claim = endpoint.claim(req);
    if (claim) {
      endpoint.serve(claim, res).then(
        (answered) => answered || sessionMiddleware(req, res, next),
        () => sessionMiddleware(req, res, next),
      );
      return;
    }
    const key = ring.lookup(req.headers[KID]);
    if (!key) return sessionMiddleware(req, res, next);
    observe(shared, key, req, res, next);
  }
  return sessionscopeMiddleware as unknown as M;
}

type ObservedRequest = SessionRequest & { originalUrl?: string; baseUrl?: string };
type WriteHead = (this: ServerResponse, ...args: unknown[]) => ServerResponse;

/**
 * A paired request: our writeHead goes on the response before the session middleware
 * wraps it, so ours is innermost. When Node (or the app) calls it, the session
 * middleware's own header hook has set its cookie: the after-snapshot is taken, the
 * payload built and sealed, the headers added, and Node's writeHead called, all
 * synchronously. write and end are never touched.
 */
function observe(shared: Shared, key: RingKey, req: ObservedRequest, res: ServerResponse, next: Next): void {
  const { opts } = shared;
  const startedAt = Date.now();
  // Where this middleware is mounted, read now: routers rewrite req.baseUrl while the handler runs.
  const baseUrl = req.baseUrl ?? '';
  const errors: PayloadError[] = [];
  const ctx = {
    redact: opts.redact,
    limits: opts.limits,
    cookieName: opts.cookieName,
    rolling: opts.rolling,
  };
  let observer: Observer | undefined;
  let done = false;
  const writeHead = res.writeHead as WriteHead;

  function describe(args: unknown[]): { plan: HeaderPlan | undefined; payload: DebugPayload } | undefined {
    if (!observer) return undefined; // the session middleware did not get to run its part
    const sealedAt = Date.now();
    const facts: RequestFacts = {
      startedAt,
      sealedAt,
      method: req.method ?? 'GET',
      url: req.originalUrl ?? req.url ?? '/',
      status: typeof args[0] === 'number' ? args[0] : res.statusCode,
      setCookie: setCookieList(res.getHeader('set-cookie')),
      errors,
    };
    let payload: DebugPayload;
    let sides: SessionTexts | undefined;
    try {
      const seen = observer.after(req, res, facts.setCookie, sealedAt);
      payload = buildPayload(facts, seen, opts.redact);
      sides = seen;
      const source = ttlSource(shared, req.sessionStore);
      if (source && payload.session.idAfter !== null)
        payload.storeTtlMs ??= shared.expiries.remaining(payload.session.idAfter, sealedAt);
    } catch (error) {
      errors.push(describeError(error));
      payload = errorPayload(facts, kindOf(req), opts.redact);
      sides = undefined;
    }
    const plan = debugHeader(
      payload,
      {
        seal: key.seal,
        inlineLimit: opts.inlineLimit,
        store: opts.payloadStore,
        refUrl: (id) => `${baseUrl}${opts.mountPath}/payload/${id}`,
        log: opts.logger,
      },
      sides,
    );
    return { plan, payload };
  }

  /** After the headers are out: the by-reference write and the store-TTL read, never awaited. */
  function afterHead(described: ReturnType<typeof describe>): void {
    if (!described) return;
    const { plan, payload } = described;
    const entry = plan?.entry;
    if (entry) {
      shared.refs.put(entry.id, key.kid, entry.jwe, (error) =>
        key.seal(JSON.stringify(withoutValues(payload, storeError(error, entry.jwe.length)))),
      );
    }
    const id = payload.session.idAfter;
    const source = ttlSource(shared, req.sessionStore);
    if (source && id !== null)
      res.once('finish', () => shared.expiries.refresh(source.read, source.prefix, id));
  }

  res.writeHead = function sessionscopeWriteHead(this: ServerResponse, ...args: unknown[]) {
    if (done || this.headersSent) return writeHead.apply(this, args);
    done = true;
    let described: ReturnType<typeof describe>;
    let applied: Applied;
    try {
      described = describe(args);
      applied = addPairedHeaders(this, args, described?.plan?.value);
    } catch (error) {
      opts.logger(`observing failed, response sent without a debug payload: ${String(error)}`);
      return writeHead.apply(this, args);
    }
    let result: ServerResponse;
    try {
      result = writeHead.apply(this, applied.args);
    } catch (error) {
      // Node refused the app's call (bad status, bad header): leave the response as the
      // app left it, so that its error handler starts from the same place as without us.
      applied.undo();
      done = false;
      throw error;
    }
    try {
      afterHead(described);
    } catch (error) {
      opts.logger(`could not start the by-reference write: ${String(error)}`);
    }
    return result;
  } as ServerResponse['writeHead'];

  shared.sessionMiddleware(req, res, function afterSessionLoaded(err?: unknown) {
    try {
      observer = observerFor(req, ctx);
      observer?.before(req);
    } catch (error) {
      errors.push(describeError(error));
    }
    next(err);
  });
}

/** How to read this store's Redis TTL (connect-redis), once per store object; null when it cannot be read. */
function ttlSource(shared: Shared, store: unknown): TtlSource | null {
  if (typeof store !== 'object' || store === null) return null;
  let source = shared.ttlSources.get(store);
  if (source === undefined) {
    const prefix = redisPrefix(store);
    const read =
      prefix === undefined
        ? undefined
        : (pttlReader((store as { client?: unknown }).client) ?? pttlReader(shared.opts.redisClient));
    source = prefix !== undefined && read ? { read, prefix } : null;
    shared.ttlSources.set(store, source);
  }
  return source;
}

function kindOf(req: SessionRequest): 'express-session' | 'cookie-session' {
  return typeof req.sessionOptions === 'object' && req.sessionOptions !== null
    ? 'cookie-session'
    : 'express-session';
}
