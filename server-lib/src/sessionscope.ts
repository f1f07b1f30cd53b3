import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEBUG_HEADER,
  KEY_ID_HEADER,
  describeError,
  formatInlineHeader,
  formatRefHeader,
  isWellFormedKeyId,
  sealPayload,
  type DeveloperKey,
  type PayloadError,
} from '../../protocol/src/index.js';
import { resolveOptions, type ResolvedOptions, type SessionscopeOptions } from './options.js';
import { KeyRing } from './keyring.js';
import { payloadEndpoint } from './payload-endpoint.js';
import { holdResponse } from './hold-response.js';
import { observerFor, type Observer, type SessionRequest } from './observer.js';
import { buildPayload, errorPayload, type RequestFacts } from './build-payload.js';
import { setCookieList } from './cookies.js';
import { newRefId } from './payload-store.js';
import { redisSessionTtl } from './redis-session-ttl.js';

type Next = (err?: unknown) => void;
/** Express's RequestHandler shape, without depending on Express's types. */
export type SessionMiddleware = (req: any, res: any, next: Next) => unknown;

const KID = KEY_ID_HEADER.toLowerCase();

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

  function sessionscopeMiddleware(
    req: SessionRequest & { originalUrl?: string; baseUrl?: string },
    res: ServerResponse,
    next: Next,
  ) {
    if (endpoint.matches(req)) {
      endpoint.handle(req, res).catch((error: unknown) => next(error));
      return;
    }
    const kid = req.headers[KID];
    if (!isWellFormedKeyId(kid)) return sessionMiddleware(req, res, next);
    ring.lookup(kid).then(
      (key) => {
        try {
          if (key) observe(opts, key, req, res, next, sessionMiddleware);
          else sessionMiddleware(req, res, next);
        } catch (error) {
          next(error);
        }
      },
      (error: unknown) => {
        opts.logger(`could not derive key ids: ${String(error)}`);
        sessionMiddleware(req, res, next);
      },
    );
  }
  return sessionscopeMiddleware as unknown as M;
}

function observe(
  opts: ResolvedOptions,
  key: DeveloperKey,
  req: SessionRequest & { originalUrl?: string; baseUrl?: string },
  res: ServerResponse,
  next: Next,
  sessionMiddleware: SessionMiddleware,
): void {
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
    timeoutMs: opts.timeoutMs,
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
        payload = buildPayload(facts, observer.after(req, res, facts.setCookie, facts.sealedAt));
        payload.storeTtlMs ??= await redisSessionTtl(req.sessionStore, payload.session.idAfter);
      } catch (error) {
        errors.push(describeError(error));
        payload = errorPayload(facts, kindOf(req));
      }
      const jwe = await sealPayload(payload, key);
      const inline = formatInlineHeader(jwe);
      if (inline.length <= opts.inlineLimit) return { [DEBUG_HEADER]: inline };
      const id = newRefId();
      await opts.payloadStore.put(id, key.kid, jwe);
      return { [DEBUG_HEADER]: formatRefHeader(id, `${baseUrl}${opts.mountPath}/payload/${id}`) };
    },
  });

  sessionMiddleware(req, res, function afterSessionLoaded(err?: unknown) {
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
