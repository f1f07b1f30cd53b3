import type { SetCookie } from '../cookies/set-cookie.js';

/** What the timeline needs to know about one recorded request. */
export interface TimelineInput {
  index: number;
  /** Epoch ms the response arrived. */
  time: number;
  setCookies: readonly SetCookie[];
  /** Names of the cookies the request sent. */
  sentCookies: readonly string[];
  /** Store TTL reported by server-lib for this response, and the session cookie's name. */
  storeTtlMs: number | null;
  sessionCookieName: string | null;
  /** Expiry claims of tokens decoded from cookies (JWT `exp`), by cookie name. */
  tokenExpiries?: readonly { cookieName: string; expiresAt: number }[];
  /**
   * The server's `rolling` setting for the session cookie (PROTOCOL.md §4.3), null or absent
   * when unknown (no payload, or a middleware that cannot tell).
   */
  rolling?: boolean | null;
}

export interface Segment {
  /** When this value of the cookie was set. */
  from: number;
  /** When the browser will drop it; null for a browser-session cookie (until the browser closes). */
  until: number | null;
  kind: 'session' | 'persistent';
  /** The request that set it. */
  setBy: number;
  /** How the segment ended: replaced by a later Set-Cookie, deleted, or still live. */
  end: 'replaced' | 'deleted' | 'live';
  /**
   * This Set-Cookie moved a persistent expiry later than the one it replaced. That is rolling
   * renewal only where the server says it rolls (`rolling`); a modified session re-sent with a
   * fresh maxAge also moves it (express-session without `rolling`).
   */
  renewed: boolean;
  /** The server's `rolling` setting as reported by the request that set this value (null: unknown). */
  rolling: boolean | null;
}

export interface Tick {
  index: number;
  time: number;
  /** This request set (or deleted) the cookie. */
  set: boolean;
}

export interface CookieRow {
  kind: 'cookie';
  name: string;
  isSessionCookie: boolean;
  segments: Segment[];
  ticks: Tick[];
}

export interface StoreRow {
  kind: 'store' | 'token';
  name: string;
  /** Expiry as reported at each request (store: time + TTL; token: its exp claim). */
  points: { index: number; time: number; expiresAt: number }[];
}

export interface Timeline {
  start: number;
  end: number;
  rows: (CookieRow | StoreRow)[];
  /** Store expiry minus session-cookie expiry at the latest request that reported both, in ms. */
  drift: { index: number; ms: number } | null;
}

function cookieRow(name: string, inputs: readonly TimelineInput[], sessionName: string | null): CookieRow {
  const segments: Segment[] = [];
  const ticks: Tick[] = [];
  for (const input of inputs) {
    const set = input.setCookies.filter((c) => c.name === name).pop();
    if (set || input.sentCookies.includes(name))
      ticks.push({ index: input.index, time: input.time, set: !!set });
    if (!set) continue;
    const open = segments[segments.length - 1];
    if (open && open.end === 'live') open.end = set.expiry.kind === 'delete' ? 'deleted' : 'replaced';
    if (set.expiry.kind === 'delete') continue;
    const until = set.expiry.kind === 'persistent' ? set.expiry.at : null;
    const renewed =
      !!open && open.end === 'replaced' && open.until !== null && until !== null && until > open.until;
    segments.push({
      from: input.time,
      until,
      kind: set.expiry.kind,
      setBy: input.index,
      end: 'live',
      renewed,
      rolling: name === sessionName ? (input.rolling ?? null) : null,
    });
  }
  return { kind: 'cookie', name, isSessionCookie: name === sessionName, segments, ticks };
}

/** Builds the expiry picture of a recorded history. Pure: `now` only widens the axis. */
export function buildTimeline(inputs: readonly TimelineInput[], now: number): Timeline {
  const sessionName = [...inputs].reverse().find((i) => i.sessionCookieName)?.sessionCookieName ?? null;
  const names = new Set<string>();
  for (const input of inputs) for (const c of input.setCookies) names.add(c.name);
  const rows: (CookieRow | StoreRow)[] = [...names]
    .sort((a, b) => Number(b === sessionName) - Number(a === sessionName) || a.localeCompare(b))
    .map((name) => cookieRow(name, inputs, sessionName));

  const storePoints = inputs
    .filter((i) => i.storeTtlMs !== null)
    .map((i) => ({ index: i.index, time: i.time, expiresAt: i.time + (i.storeTtlMs ?? 0) }));
  if (storePoints.length > 0)
    rows.splice(1, 0, { kind: 'store', name: 'server-side session (store TTL)', points: storePoints });

  const tokens = new Map<string, StoreRow>();
  for (const input of inputs) {
    for (const t of input.tokenExpiries ?? []) {
      const row = tokens.get(t.cookieName) ?? {
        kind: 'token' as const,
        name: `${t.cookieName} (token exp)`,
        points: [],
      };
      row.points.push({ index: input.index, time: input.time, expiresAt: t.expiresAt });
      tokens.set(t.cookieName, row);
    }
  }
  rows.push(...tokens.values());

  const times = inputs.map((i) => i.time);
  const expiries = rows.flatMap((r) =>
    r.kind === 'cookie'
      ? r.segments.flatMap((s) => (s.until === null ? [] : [s.until]))
      : r.points.map((p) => p.expiresAt),
  );
  const start = Math.min(now, ...times);
  const end = Math.max(now, ...times, ...expiries);
  return { start, end, rows, drift: driftOf(inputs, rows, sessionName) };
}

function driftOf(
  inputs: readonly TimelineInput[],
  rows: (CookieRow | StoreRow)[],
  sessionName: string | null,
): Timeline['drift'] {
  const session = rows.find((r): r is CookieRow => r.kind === 'cookie' && r.name === sessionName);
  const store = rows.find((r): r is StoreRow => r.kind === 'store');
  if (!session || !store) return null;
  for (let i = inputs.length - 1; i >= 0; i--) {
    const index = inputs[i]!.index;
    const point = store.points.find((p) => p.index === index);
    const live = [...session.segments].reverse().find((s) => s.setBy <= index);
    if (point && live && live.until !== null) return { index, ms: point.expiresAt - live.until };
  }
  return null;
}
