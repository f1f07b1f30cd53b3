import { probeUrl, readProbe, type EndpointProbe } from '../../core/pairing/diagnose.js';

/** Asks `origin` whether it runs server-lib: its payload endpoint answers a preflight itself (no session touched). */
export async function probeServerLib(origin: string): Promise<EndpointProbe> {
  try {
    const res = await fetch(probeUrl(origin), { method: 'OPTIONS', credentials: 'omit', cache: 'no-store' });
    return readProbe(res.status, res.headers.get('access-control-allow-headers'));
  } catch {
    return 'unknown';
  }
}
