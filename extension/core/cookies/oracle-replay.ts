import { CookieJar, type JarCookie } from './jar.js';
import { judgeResponse } from './history.js';
import type { BrowserProfile } from './profiles.js';
import type { CookieVerdict } from './verdict.js';

/**
 * Replays one recorded oracle observation (scripts/cookie-oracle) through the engine and
 * compares the store the engine predicts with the store the real browser had. Used by the
 * engine's tests and by `scripts/cookie-oracle/agreement.ts`.
 */

/** One cookie as a real browser's own store holds it, in one shape for both browsers. */
export interface OracleStored {
  name: string;
  value: string;
  /** Without the leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** As the store reports it; null when the cookie carries none (unspecified). */
  sameSite: 'Strict' | 'Lax' | 'None' | null;
  /** Epoch seconds; null for a browser-session cookie. */
  expires: number | null;
  /** Kept in a partition (CHIPS, or Firefox's Total Cookie Protection): the top-level site. */
  partitionKey: string | null;
  /** Chromium only. */
  priority?: string;
}

export interface OracleObservation {
  case: string;
  category: string;
  context: string;
  steps: {
    url: string;
    topUrl: string | null;
    sentAt: number;
    date: string | null;
    setCookie: string[];
    failed: string | null;
    headerBytes?: number;
  }[];
  echo: { url: string; topUrl: string | null; cookie: string | null };
  stored: OracleStored[];
}

export interface Comparison {
  /** The engine's store equals the browser's (names, values, domains, paths, flags, partitioning). */
  agrees: boolean;
  /** Cookies the browser kept that the engine said it would not (a false "rejected"). */
  falseRejected: string[];
  /** Cookies the engine kept that the browser did not. */
  falseKept: string[];
  /** Cookies both kept whose attributes differ. */
  attributeMismatch: string[];
  /** Expiry pairs of the cookies both kept: [engine, browser], epoch s (null: browser-session). */
  expiries: { name: string; engine: number | null; browser: number | null }[];
  /** The Cookie header the engine predicts for the follow-up request, and whether the browser sent exactly that. */
  predictedSent: string;
  sentAgrees: boolean;
  verdicts: CookieVerdict[][];
}

const key = (c: { name: string; domain: string; hostOnly: boolean; path: string }) =>
  `${c.name}|${c.domain}|${c.hostOnly ? 'host' : 'domain'}|${c.path}`;

function describe(c: OracleStored | JarCookie): string {
  const same = 'sameSite' in c ? c.sameSite : null;
  return `${c.name}=${c.value.length > 40 ? `${c.value.slice(0, 40)}…` : c.value} ${c.hostOnly ? 'host' : 'domain'}:${c.domain} path:${c.path}${c.secure ? ' secure' : ''}${c.httpOnly ? ' httponly' : ''} samesite:${same ?? '-'}${c.partitionKey ? ' partitioned' : ''}`;
}

export function replayObservation(observation: OracleObservation, profile: BrowserProfile): Comparison {
  const jar = new CookieJar(profile);
  const verdicts = observation.steps.map((step) =>
    judgeResponse(
      {
        url: step.url,
        topUrl: step.topUrl,
        receivedAt: step.sentAt,
        serverDate: step.date,
        setCookies: step.setCookie,
        headerBytes: step.headerBytes,
      },
      jar,
    ),
  );
  const now = observation.steps.at(-1)!.sentAt;
  const engine = new Map(jar.all(now).map((c) => [key(c), c]));
  const browser = new Map(observation.stored.map((c) => [key(c), c]));
  const falseRejected: string[] = [];
  const falseKept: string[] = [];
  const attributeMismatch: string[] = [];
  const expiries: Comparison['expiries'] = [];
  for (const [k, b] of browser) {
    const e = engine.get(k);
    if (!e) {
      falseRejected.push(describe(b));
      continue;
    }
    if (
      e.value !== b.value ||
      e.secure !== b.secure ||
      e.httpOnly !== b.httpOnly ||
      e.sameSite !== b.sameSite ||
      (e.partitionKey !== null) !== (b.partitionKey !== null)
    ) {
      attributeMismatch.push(`engine ${describe(e)} · browser ${describe(b)}`);
    }
    expiries.push({
      name: b.name,
      engine: e.expiry.kind === 'persistent' ? e.expiry.at / 1000 : null,
      browser: b.expires,
    });
  }
  for (const [k, e] of engine) if (!browser.has(k)) falseKept.push(describe(e));
  const predictedSent = jar
    .cookiesFor(observation.echo.url, observation.echo.topUrl, now)
    .map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`))
    .join('; ');
  return {
    agrees: falseRejected.length === 0 && falseKept.length === 0 && attributeMismatch.length === 0,
    falseRejected,
    falseKept,
    attributeMismatch,
    expiries,
    predictedSent,
    sentAgrees: predictedSent === (observation.echo.cookie ?? ''),
    verdicts,
  };
}

export interface Agreement {
  observations: number;
  agreeing: number;
  falseRejected: number;
  expiries: number;
  expiriesWithin2s: number;
  sent: number;
  sentAgreeing: number;
  byCategory: Record<string, { observations: number; agreeing: number }>;
  disagreements: { case: string; context: string; comparison: Comparison }[];
  sentDisagreements: { case: string; context: string; predicted: string; actual: string }[];
  expiryMisses: {
    case: string;
    context: string;
    name: string;
    engine: number | null;
    browser: number | null;
  }[];
}

export function agreement(observations: readonly OracleObservation[], profile: BrowserProfile): Agreement {
  const out: Agreement = {
    observations: 0,
    agreeing: 0,
    falseRejected: 0,
    expiries: 0,
    expiriesWithin2s: 0,
    sent: 0,
    sentAgreeing: 0,
    byCategory: {},
    disagreements: [],
    sentDisagreements: [],
    expiryMisses: [],
  };
  for (const o of observations) {
    const c = replayObservation(o, profile);
    out.observations++;
    const cat = (out.byCategory[o.category] ??= { observations: 0, agreeing: 0 });
    cat.observations++;
    if (c.agrees) {
      out.agreeing++;
      cat.agreeing++;
    } else out.disagreements.push({ case: o.case, context: o.context, comparison: c });
    if (c.falseRejected.length > 0) out.falseRejected++;
    for (const e of c.expiries) {
      out.expiries++;
      if (
        e.engine === e.browser ||
        (e.engine !== null && e.browser !== null && Math.abs(e.engine - e.browser) <= 2)
      )
        out.expiriesWithin2s++;
      else out.expiryMisses.push({ case: o.case, context: o.context, ...e });
    }
    out.sent++;
    if (c.sentAgrees) out.sentAgreeing++;
    else
      out.sentDisagreements.push({
        case: o.case,
        context: o.context,
        predicted: c.predictedSent,
        actual: o.echo.cookie ?? '',
      });
  }
  return out;
}
