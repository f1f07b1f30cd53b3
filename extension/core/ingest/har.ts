import { DEBUG_HEADER } from '../../../protocol/src/constants.js';

/** The parts of a HAR 1.2 entry (devtools.network.onRequestFinished) the panel uses. */
export interface HarEntryLike {
  startedDateTime?: string;
  /** Chromium's resource type (`document`, `stylesheet`, `image`, `fetch`…); Firefox leaves it out. */
  _resourceType?: string;
  time?: number;
  request?: { method?: string; url?: string; headers?: { name: string; value: string }[] };
  response?: {
    status?: number;
    headers?: { name: string; value: string }[];
    cookies?: { name: string; value: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; expires?: unknown }[];
  };
}

/** What the browser stored, as far as the browser tells (Chromium's HAR cookies; Firefox gives name/value only). */
export interface StoredCookie {
  name: string;
  httpOnly: boolean | null;
  secure: boolean | null;
  sameSite: string | null;
  expires: string | null;
}

/** A request as the panel keeps it: small, serializable, no HAR object retained. */
export interface RequestSummary {
  url: string;
  method: string;
  status: number;
  /** Epoch ms the response finished. */
  time: number;
  /** Epoch ms the request started: its Cookie header was fixed then (observed truth compares against it). */
  startedAt?: number;
  /** The response's Date header: the server's clock, which the browser reads Expires against. */
  responseDate?: string | null;
  /**
   * The inspected page's URL when this request finished (set by the panel's store): a request to
   * another site is a third-party context for the cookie engine.
   */
  pageUrl?: string | null;
  /** The browser's resource type when it tells (Chromium), for the "hide static assets" filter. */
  resourceType?: string;
  debugHeader: string | null;
  setCookies: string[];
  cookieHeader: string | null;
  storedCookies: StoredCookie[];
}

function headerValues(headers: { name: string; value: string }[] | undefined, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers ?? []) {
    if (typeof h?.name === 'string' && h.name.toLowerCase() === lower && typeof h.value === 'string') {
      // Some HAR producers join repeated headers with newlines.
      out.push(...h.value.split('\n'));
    }
  }
  return out;
}

function expiresText(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

/** Reduces a HAR entry to a RequestSummary; tolerant of missing fields, never throws. */
export function summarizeHar(entry: HarEntryLike, fallbackTime: number): RequestSummary {
  const started = Date.parse(entry.startedDateTime ?? '');
  const time = Number.isNaN(started) ? fallbackTime : started + (typeof entry.time === 'number' ? entry.time : 0);
  const debug = headerValues(entry.response?.headers, DEBUG_HEADER);
  return {
    url: entry.request?.url ?? '',
    method: entry.request?.method ?? 'GET',
    status: entry.response?.status ?? 0,
    time: Math.round(time),
    startedAt: Number.isNaN(started) ? Math.round(time) : started,
    responseDate: headerValues(entry.response?.headers, 'date')[0] ?? null,
    ...(typeof entry._resourceType === 'string' ? { resourceType: entry._resourceType } : {}),
    debugHeader: debug.length > 0 ? debug.join(', ') : null,
    setCookies: headerValues(entry.response?.headers, 'set-cookie'),
    cookieHeader: headerValues(entry.request?.headers, 'cookie')[0] ?? null,
    storedCookies: (entry.response?.cookies ?? []).map((c) => ({
      name: String(c.name),
      httpOnly: typeof c.httpOnly === 'boolean' ? c.httpOnly : null,
      secure: typeof c.secure === 'boolean' ? c.secure : null,
      sameSite: typeof c.sameSite === 'string' ? c.sameSite : null,
      expires: expiresText(c.expires),
    })),
  };
}
