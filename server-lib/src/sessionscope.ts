import type { ServerResponse } from 'node:http';
import {
  DEBUG_HEADER,
  KEY_ID_HEADER,
  describeError,
  isWellFormedKeyId,
  type DeveloperKey,
  type PayloadError,
} from '../../protocol/src/index.js';
import { resolveOptions, type ResolvedOptions, type SessionscopeOptions } from './options.js';
import { KeyRing } from './keyring.js';
import { payloadEndpoint } from './payload-endpoint.js';
import { holdResponse } from './hold-response.js';
import { Deadlines } from './deadlines.js';
import { observerFor, type Observer, type SessionRequest } from './observer.js';
import { buildPayload, errorPayload, type RequestFacts } from './build-payload.js';
import { setCookieList } from './cookies.js';
import { redisSessionTtl } from './redis-session-ttl.js';
import { sealerFor, type Sealer } from './sealer.js';
import { debugHeaderValue } from './debug-header.js';

type Next = (err?: unknown) => void;
/** Express's RequestHandler shape, without depending on Express's types. */
export type SessionMiddleware = (req: any, res: any, next: Next) => unknown;

const KID = KEY_ID_HEADER.toLowerCase();

/** What every observed request of one middleware instance shares, made once at setup. */
interface Shared {
  opts: ResolvedOptions;
  deadlines: Deadlines;
  sealerOf(key: DeveloperKey): Sealer;
  sessionMiddleware: SessionMiddleware;
}

/**
 * Wraps the app's session middleware (express-session or cookie-session):
 *   app.use(sessionscope(session({...}), { keys }))
 * Requests without a known key id go straight to the session middleware.
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
  if (opts.pairings.length === 0) {
    opts.logger('no keys configured (SESSIONSCOPE_KEYS or the keys option): debug mode is off.');
    return sessionMiddleware;
  }
  const ring = new KeyRing(opts.pairings);
  const endpoint = payloadEndpoint(opts.mountPath, ring, opts.payloadStore);
  const sealers = new WeakMap<DeveloperKey, Sealer>();
  const shared: Shared = {
    opts,
    deadlines: new Deadlines(opts.timeoutMs),
    sealerOf(key) {
      let sealer = sealers.get(key);
      if (!sealer) sealers.set(key, (sealer = sealerFor(key)));
      return sealer;
    },
    sessionMiddleware,
  };

  function withKey(
    key: DeveloperKey | undefined,
    req: ObservedRequest,
    res: ServerResponse,
    next: Next,
  ): void {
    try {
      if (key) observe(shared, key, req, res, next);
      else sessionMiddleware(req, res, next);
    } catch (error) {
      next(error);
    }
  }

  function sessionscopeMiddleware(req: ObservedRequest, res: ServerResponse, next: Next) {
    if (endpoint.matches(req)) {
      endpoint.handle(req, res).catch((error: unknown) => next(error));
      return;
    }
    const kid = req.headers[KID];
    if (!isWellFormedKeyId(kid)) return sessionMiddleware(req, res, next);
    const found = ring.lookup(kid);
    if (!(found instanceof Promise)) return withKey(found, req, res, next);
    found.then(
      (key) => withKey(key, req, res, next),
      (error: unknown) => {
        opts.logger(`could not derive key ids: ${String(error)}`);
        sessionMiddleware(req, res, next);
      },
    );
  }
  return sessionscopeMiddleware as unknown as M;
}

type ObservedRequest = SessionRequest & { originalUrl?: string; baseUrl?: string };

function observe(
  shared: Shared,
  key: DeveloperKey,
  req: ObservedRequest,
  res: ServerResponse,
  next: Next,
): void {
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

  holdResponse(res, {
    deadlines: shared.deadlines,
    log: opts.logger,
    async onHead() {
      if (!observer) return undefined; // the session middleware did not run for this request
      const facts: RequestFacts = {
        startedAt,
        sealedAt: Date.now(),
        method: req.method ?? 'GET',
        url: req.originalUrl ?? req.url ?? '/',
        status: res.statusCode,
        setCookie: setCookieList(res.getHeader('set-cookie')),
        errors,
      };
      let payload;
      try {
        payload = buildPayload(facts, observer.after(req, res, facts.setCookie, facts.sealedAt), opts.redact);
        payload.storeTtlMs ??= await redisSessionTtl(req.sessionStore, payload.session.idAfter);
      } catch (error) {
        errors.push(describeError(error));
        payload = errorPayload(facts, kindOf(req), opts.redact);
      }
      const value = await debugHeaderValue(payload, {
        sealer: shared.sealerOf(key),
        kid: key.kid,
        inlineLimit: opts.inlineLimit,
        store: opts.payloadStore,
        refUrl: (id) => `${baseUrl}${opts.mountPath}/payload/${id}`,
        log: opts.logger,
      });
      return value === undefined ? undefined : { [DEBUG_HEADER]: value };
    },
  });

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

function kindOf(req: SessionRequest): 'express-session' | 'cookie-session' {
  return typeof req.sessionOptions === 'object' && req.sessionOptions !== null
    ? 'cookie-session'
    : 'express-session';
}
