/**
 * Records a click-through of the real demo app (with server-lib, a fresh key) into a
 * Sessionscope history file, as the panel would have recorded it: every response's
 * Set-Cookie, the Cookie it sent, and the debug payload decrypted with the key.
 *   npx tsx scripts/record-demo-history.ts [out.json] [--store memory|cookie] [--rolling]
 * Used for the inline panel's screenshots, UI tests and the ingest benchmark.
 */
import { writeFileSync } from 'node:fs';
import { generateKey, KEY_ID_HEADER } from '../protocol/src/index.js';
import { startDemo } from '../demo-app/src/server.js';
import { openDebugHeader } from '../extension/core/ingest/open-debug-header.js';
import { exportHistory, type HistoryRecord } from '../extension/core/history/format.js';

type Step = [method: 'GET' | 'POST', path: string, form?: Record<string, string>];

export const DEMO_CLICKS: Step[] = [
  ['GET', '/'],
  ['GET', '/'],
  ['POST', '/login-fixation', { username: 'mallory' }],
  ['POST', '/logout'],
  ['POST', '/login', { username: 'ann' }],
  ['POST', '/cart/add', { name: 'Teapot', qty: '1' }],
  ['POST', '/cart/add', { name: 'Cup', qty: '3' }],
  ['POST', '/prefs', { theme: 'dark', language: 'de', email: 'on' }],
  ['POST', '/flash', { message: 'Saved!' }],
  ['POST', '/remember', { remember: 'on' }],
  ['GET', '/types'],
  ...Array.from({ length: 7 }, (): Step => ['POST', '/bloat']),
  ['POST', '/bloat/reset'],
  ['POST', '/logout'],
];

/**
 * `dropOversized`: the jar behaves as browsers do with a Set-Cookie over 4096 bytes (name + value):
 * it ignores it and keeps the old value (RFC 6265bis §5.6; Chromium and Firefox), so the history
 * shows the "session lost" story the real panel sees.
 */
export async function recordDemoHistory(options: { store?: 'memory' | 'cookie'; rolling?: boolean; dropOversized?: boolean } = {}): Promise<HistoryRecord[]> {
  const key = await generateKey();
  // Debug mode on explicitly: run as a script NODE_ENV is unset, and server-lib would stay off (issue 8).
  const demo = await startDemo({ port: 0, store: options.store ?? 'memory', rolling: options.rolling ?? false, sessionscope: { keys: [key.pairing], enabled: true } });
  const jar = new Map<string, string>();
  const records: HistoryRecord[] = [];
  const request = async (method: string, path: string, body?: URLSearchParams): Promise<void> => {
    const url = `${demo.url}${path}`;
    const cookieHeader = [...jar].map(([n, v]) => `${n}=${v}`).join('; ') || null;
    const headers: Record<string, string> = { [KEY_ID_HEADER]: key.kid };
    if (cookieHeader) headers.cookie = cookieHeader;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const started = Date.now();
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    await res.text();
    const setCookies = res.headers.getSetCookie();
    for (const sc of setCookies) {
      const [pair = ''] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(sc)) jar.delete(name);
      else if (options.dropOversized && new TextEncoder().encode(pair).length - 1 > 4096) continue;
      else jar.set(name, pair.slice(eq + 1));
    }
    const debugHeader = res.headers.get('x-sessionscope');
    let debug: HistoryRecord['debug'] = { state: 'plain' };
    if (debugHeader) {
      const opened = await openDebugHeader(
        debugHeader,
        url,
        key,
        async (u, h) => {
          const r = await fetch(u, { headers: h, redirect: 'manual' });
          return { status: r.status, text: await r.text(), redirected: r.redirected, url: r.url };
        },
        [new URL(url).origin],
      );
      debug = opened.ok ? { state: 'decoded', payload: opened.payload } : { state: 'error', code: opened.code, message: opened.message };
    }
    records.push({ url, method, status: res.status, time: Date.now(), startedAt: started, debugHeader, setCookies, cookieHeader, storedCookies: [], debug });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) await request('GET', location.startsWith('/') ? location : new URL(location).pathname);
  };
  try {
    for (const [i, [method, path, form]] of DEMO_CLICKS.entries()) {
      await request(method, path, form ? new URLSearchParams(form) : undefined);
      // Expires has one-second resolution: rolling renewal is only visible across seconds.
      await new Promise((r) => setTimeout(r, options.rolling && i % 4 === 3 ? 1010 : 20));
    }
  } finally {
    await demo.close();
  }
  return records;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'docs/demo-history.json';
  const records = await recordDemoHistory({ store: process.argv.includes('cookie') ? 'cookie' : 'memory', rolling: process.argv.includes('--rolling') });
  // A throwaway demo's cookies: kept, so that the screenshots show decoded cookies.
  writeFileSync(out, exportHistory(records, Date.now(), { secrets: 'included' }));
  console.log(`${records.length} requests recorded into ${out}`);
}
