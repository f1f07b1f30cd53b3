/**
 * "Paired, but nothing arrives": which origins answer the paired key id with no payload. Pure:
 * the panel feeds it what it recorded. Whether the origin runs server-lib at all cannot be told from
 * outside, by design: its endpoint answers a request without a known key id exactly as the app
 * answers any unknown path (PROTOCOL.md §3.3), so the text names both causes.
 */
export interface SeenRequest {
  url: string;
  /** True when the response carried an X-Sessionscope header (whether or not it decrypted). */
  hadDebugHeader: boolean;
  /** Favicons, scripts, styles: never counted (they may be served before the session middleware). */
  isStatic: boolean;
}

export interface SilentOrigin {
  origin: string;
  /** Requests of this origin, recent, with no payload. */
  silent: number;
}

/** An origin is silent after this many requests without a payload and none with one. */
export const SILENT_AFTER = 2;

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Origins (newest first) whose recent requests, while paired, all came back without a payload. */
export function silentOrigins(recent: readonly SeenRequest[]): SilentOrigin[] {
  const counts = new Map<string, { silent: number; answered: boolean }>();
  for (let i = recent.length - 1; i >= 0; i--) {
    const r = recent[i]!;
    if (r.isStatic) continue;
    const origin = originOf(r.url);
    if (origin === null) continue;
    const c = counts.get(origin) ?? { silent: 0, answered: false };
    if (r.hadDebugHeader) c.answered = true;
    else c.silent++;
    counts.set(origin, c);
  }
  return [...counts]
    .filter(([, c]) => !c.answered && c.silent >= SILENT_AFTER)
    .map(([origin, c]) => ({ origin, silent: c.silent }));
}

/** What the panel says about a silent origin, and how the developer checks it. */
export function silentOriginText(s: SilentOrigin, kid: string): string {
  return `${s.origin} sent no payload for its last ${s.silent} requests. Either the server there does not know key id ${kid} — compare it with the key id the server printed at start, or give the server this pairing string (SESSIONSCOPE_KEYS) and restart it — or Sessionscope's server library is not mounted there (app.use(sessionscope(session(…))) with keys configured, debug mode on). Without it the panel decodes cookies only.`;
}
