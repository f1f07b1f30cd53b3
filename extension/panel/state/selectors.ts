import type { DebugPayload } from '../../../protocol/src/index.js';
import type { Filter, RequestRecord } from './types.js';

export function payloadOf(record: RequestRecord | undefined): DebugPayload | null {
  return record?.debug.state === 'decoded' ? record.debug.payload : null;
}

export function changeOf(record: RequestRecord): string {
  return payloadOf(record)?.session.change ?? '';
}

const CHANGED = new Set(['new', 'modified', 'regenerated', 'destroyed']);

export function filterRecords(records: readonly RequestRecord[], filter: Filter): RequestRecord[] {
  const text = filter.text.trim().toLowerCase();
  if (!text && !filter.method && !filter.status && !filter.changedOnly) return records as RequestRecord[];
  return records.filter((r) => {
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
export function previousOfSameSession(records: readonly RequestRecord[], record: RequestRecord): RequestRecord | undefined {
  const payload = payloadOf(record);
  if (!payload) return undefined;
  const index = records.indexOf(record);
  for (let i = index - 1; i >= 0; i--) {
    const other = payloadOf(records[i]);
    if (!other) continue;
    if (payload.session.idBefore === null || other.session.idAfter === payload.session.idBefore) return records[i];
  }
  return undefined;
}
