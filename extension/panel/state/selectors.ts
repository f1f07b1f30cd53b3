import type { DebugPayload } from '../../../protocol/src/index.js';
import type { Filter, RequestRecord } from './types.js';

export function payloadOf(record: RequestRecord | undefined): DebugPayload | null {
  return record?.debug.state === 'decoded' ? record.debug.payload : null;
}

export function changeOf(record: RequestRecord): string {
  return payloadOf(record)?.session.change ?? '';
}

const CHANGED = new Set(['new', 'modified', 'regenerated', 'destroyed']);

const STATIC_TYPES = new Set(['stylesheet', 'script', 'image', 'font', 'media', 'manifest']);

/**
 * A favicon, script, stylesheet, image or font, or DevTools' own probe — unless it touched the
 * session (a static route behind the session middleware that changed it must stay visible).
 */
export function isStaticAsset(record: RequestRecord): boolean {
  if (CHANGED.has(changeOf(record))) return false;
  if (record.resourceType && STATIC_TYPES.has(record.resourceType)) return true;
  let known = staticUrls.get(record.url);
  if (known === undefined) {
    known = STATIC_URL.test(record.url);
    if (staticUrls.size > 50_000) staticUrls.clear();
    staticUrls.set(record.url, known);
  }
  return known;
}

/** Path (before ? and #) ends in a static extension, is the favicon, or DevTools' own probe. */
const STATIC_URL =
  /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(?:\/\.well-known\/appspecific\/[^?#]*|\/favicon\.ico|[^?#]*\.(?:css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|mp4|webm|mp3|wasm))(?:[?#].*)?$/i;
/** URLs repeat (every page load asks for the same assets): answer each once. */
const staticUrls = new Map<string, boolean>();

let lastFilter: { records: readonly RequestRecord[]; filter: Filter; result: RequestRecord[] } | null = null;

/** The records the list shows. Remembers its last answer: a selection re-renders the list, not the filter. */
export function filterRecords(records: readonly RequestRecord[], filter: Filter): RequestRecord[] {
  if (lastFilter && lastFilter.records === records && lastFilter.filter === filter) return lastFilter.result;
  const result = filterUncached(records, filter);
  lastFilter = { records, filter, result };
  return result;
}

function filterUncached(records: readonly RequestRecord[], filter: Filter): RequestRecord[] {
  const text = filter.text.trim().toLowerCase();
  if (!text && !filter.method && !filter.status && !filter.changedOnly && !filter.hideStatic)
    return records as RequestRecord[];
  return records.filter((r) => {
    if (filter.hideStatic && isStaticAsset(r)) return false;
    if (text && !r.url.toLowerCase().includes(text)) return false;
    if (filter.method && r.method !== filter.method) return false;
    if (filter.status && `${Math.floor(r.status / 100)}xx` !== filter.status) return false;
    if (filter.changedOnly && !CHANGED.has(changeOf(r))) return false;
    return true;
  });
}

/**
 * The previous decoded request of the same session: its session id after equals this one's
 * before (express-session), or, without ids (cookie-session), the previous decoded request.
 */
export function previousOfSameSession(
  records: readonly RequestRecord[],
  record: RequestRecord,
): RequestRecord | undefined {
  const payload = payloadOf(record);
  if (!payload) return undefined;
  const index = records.indexOf(record);
  for (let i = index - 1; i >= 0; i--) {
    const other = payloadOf(records[i]);
    if (!other) continue;
    if (payload.session.idBefore === null || other.session.idAfter === payload.session.idBefore)
      return records[i];
  }
  return undefined;
}

/** The session a request belongs to, for the list's session column: a short id and a stable hue. */
export interface SessionTag {
  text: string;
  /** 0–359, the same for every request of one session id. */
  hue: number | null;
  /** The id changed on this request (regenerated, created, destroyed). */
  changed: boolean;
  title: string;
}

export function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 360;
}

const short = (id: string): string => id.slice(0, 6);

export function sessionTagOf(record: RequestRecord): SessionTag | null {
  const payload = payloadOf(record);
  if (!payload) return null;
  const { idBefore, idAfter, change } = payload.session;
  if (payload.middleware.kind === 'cookie-session') {
    return change === 'none'
      ? null
      : {
          text: 'cookie',
          hue: null,
          changed: false,
          title: 'cookie-session: the session travels in the cookie, no id',
        };
  }
  const id = idAfter ?? idBefore;
  if (id === null) return null;
  if (idBefore !== null && idAfter !== null && idBefore !== idAfter) {
    return {
      text: `${short(idBefore)}→${short(idAfter)}`,
      hue: hueOf(idAfter),
      changed: true,
      title: `session id ${idBefore} → ${idAfter}`,
    };
  }
  if (change === 'new')
    return { text: `+${short(id)}`, hue: hueOf(id), changed: true, title: `new session ${id}` };
  if (change === 'destroyed')
    return { text: `×${short(id)}`, hue: hueOf(id), changed: true, title: `session ${id} destroyed` };
  return { text: short(id), hue: hueOf(id), changed: false, title: `session ${id}` };
}
