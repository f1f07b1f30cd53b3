/**
 * "Paired, but nothing arrives": which origins answer the paired key id with no payload. Pure:
 * the panel feeds it what it recorded and what a look at each origin's Sessionscope endpoint found.
 */
export type EndpointProbe = 'present' | 'absent' | 'unknown';

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
  probe: EndpointProbe;
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
export function silentOrigins(
  recent: readonly SeenRequest[],
  probes: ReadonlyMap<string, EndpointProbe>,
): SilentOrigin[] {
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
    .map(([origin, c]) => ({ origin, silent: c.silent, probe: probes.get(origin) ?? 'unknown' }));
}

/** What the panel says about a silent origin, and how the developer checks it. */
export function silentOriginText(s: SilentOrigin, kid: string): string {
  switch (s.probe) {
    case 'present':
      return `${s.origin} runs Sessionscope's server library (its endpoint answers), yet its last ${s.silent} requests carried no payload for key id ${kid}: the server does not know this key. Compare the key id the server printed at start with ${kid}, or give the server this pairing string (SESSIONSCOPE_KEYS) and restart it.`;
    case 'absent':
      return `${s.origin} sent no payload for its last ${s.silent} requests and has no Sessionscope endpoint: is server-lib mounted (app.use(sessionscope(session(…)))) with keys configured? Without it the panel decodes cookies only.`;
    case 'unknown':
      return `${s.origin} sent no payload for its last ${s.silent} requests. Checking whether it runs Sessionscope's server library…`;
  }
}

/** The request that tells whether an origin runs server-lib: a CORS preflight its payload endpoint answers itself. */
export function probeUrl(origin: string, mountPath = '/__sessionscope'): string {
  return `${origin}${mountPath}/payload/${'0'.repeat(43)}`;
}

/** Reads the probe's answer: server-lib answers the preflight with 204 and allows the key-id header. */
export function readProbe(status: number, allowHeaders: string | null): EndpointProbe {
  return status === 204 && (allowHeaders ?? '').toLowerCase().includes('x-sessionscope-kid')
    ? 'present'
    : 'absent';
}
