import {
  deeperThan,
  describeError,
  jsonText,
  validatePayload,
  type TypedValue,
} from '../../../protocol/src/index.js';
import type { RequestSummary } from '../ingest/har.js';
import { maskRecords } from './mask.js';

/** A recorded history on disk. Versioned on its own: the file outlives panel versions. */
export const HISTORY_FORMAT = 'sessionscope-history';
export const HISTORY_VERSION = 1;
const MAX_RECORDS = 100_000;
/**
 * An imported file is untrusted input (issue 13.5): it is checked for size, depth and node count
 * before anything walks it, by one iterative pass, so a crafted file is a notice, never a wedge.
 * The depth bound holds sessions nested 100,000 deep (what a server with raised limits can send).
 */
export const IMPORT_LIMITS = {
  maxBytes: 512 * 1024 * 1024,
  maxDepth: 200_000,
  maxNodes: 20_000_000,
} as const;

export interface HistoryRecord extends RequestSummary {
  /** The request's number in the panel that recorded it (kept across export, import and DevTools reopen). */
  id?: number;
  debug:
    | { state: 'plain' }
    | { state: 'pending' }
    | { state: 'decoded'; payload: unknown }
    | { state: 'error'; code: string; message: string };
}

/**
 * `masked`: cookie values and session ids replaced (mask.ts), the file can be shared.
 * `included`: the file holds live credentials (a login anyone can replay). Files written
 * before this field existed read as `included`: they carried everything.
 */
export type HistorySecrets = 'masked' | 'included';

export interface HistoryFile {
  format: typeof HISTORY_FORMAT;
  version: typeof HISTORY_VERSION;
  exportedAt: string;
  secrets: HistorySecrets;
  records: HistoryRecord[];
}

/**
 * Serializes what the panel recorded. Payloads are written as decrypted, i.e. with the
 * server's redaction already applied: a redacted value never reaches the file. Every
 * caller says what happens to cookie values and session ids (`secrets`): the export
 * button masks them unless the developer asks otherwise.
 */
export function exportHistory(
  records: readonly HistoryRecord[],
  now: number,
  { secrets }: { secrets: HistorySecrets },
): string {
  const file: HistoryFile = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    exportedAt: new Date(now).toISOString(),
    secrets,
    records: (secrets === 'masked' ? maskRecords(records) : records).map(
      ({
        id,
        url,
        method,
        status,
        time,
        startedAt,
        responseDate,
        pageUrl,
        resourceType,
        debugHeader,
        setCookies,
        cookieHeader,
        storedCookies,
        debug,
      }) => ({
        ...(id === undefined ? {} : { id }),
        url,
        method,
        status,
        time,
        // Optional since the cookie engine: older files load without them.
        ...(startedAt !== undefined ? { startedAt } : {}),
        ...(responseDate != null ? { responseDate } : {}),
        ...(pageUrl != null ? { pageUrl } : {}),
        ...(resourceType === undefined ? {} : { resourceType }),
        debugHeader,
        setCookies,
        cookieHeader,
        storedCookies,
        debug:
          debug.state === 'pending'
            ? { state: 'error', code: 'ERR_INTERNAL', message: 'Exported before it was decoded.' }
            : debug,
      }),
    ),
  };
  // Indented for people; a session nested past JSON.stringify's stack is written flat (jsonText).
  const tree = file as unknown as TypedValue;
  return deeperThan(tree, 1000) ? jsonText(tree) : JSON.stringify(file, null, 1);
}

/** One pass over parsed JSON with its own stack: the first bound it passes, as a sentence. */
function overLimits(json: unknown): string | null {
  const stack: [unknown, number][] = [[json, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++nodes > IMPORT_LIMITS.maxNodes)
      return `more than ${IMPORT_LIMITS.maxNodes.toLocaleString('en-US')} values in the file`;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= IMPORT_LIMITS.maxDepth)
      return `values nested deeper than ${IMPORT_LIMITS.maxDepth.toLocaleString('en-US')} levels`;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}

export type ImportResult =
  { ok: true; records: HistoryRecord[]; secrets: HistorySecrets } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

function checkRecord(value: unknown, index: number): HistoryRecord {
  const where = `record ${index + 1}`;
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  const r = value;
  if (typeof r.url !== 'string' || typeof r.method !== 'string')
    throw new Error(`${where} has no url/method`);
  if (typeof r.status !== 'number' || typeof r.time !== 'number')
    throw new Error(`${where} has no status/time`);
  if (!(r.debugHeader === null || typeof r.debugHeader === 'string'))
    throw new Error(`${where}: debugHeader`);
  if (!isStringArray(r.setCookies)) throw new Error(`${where}: setCookies must be a list of strings`);
  if (!(r.cookieHeader === null || typeof r.cookieHeader === 'string'))
    throw new Error(`${where}: cookieHeader`);
  if (!Array.isArray(r.storedCookies)) throw new Error(`${where}: storedCookies`);
  const debug = r.debug;
  if (!isObject(debug)) throw new Error(`${where}: debug`);
  let checked: HistoryRecord['debug'];
  if (debug.state === 'decoded') {
    try {
      checked = { state: 'decoded', payload: validatePayload(debug.payload) };
    } catch (error) {
      throw new Error(`${where}: ${describeError(error).message}`);
    }
  } else if (debug.state === 'error') {
    checked = { state: 'error', code: String(debug.code), message: String(debug.message) };
  } else if (debug.state === 'plain') {
    checked = { state: 'plain' };
  } else {
    throw new Error(`${where}: unknown debug state`);
  }
  if (r.id !== undefined && !(Number.isInteger(r.id) && (r.id as number) > 0))
    throw new Error(`${where}: id must be a positive integer`);
  if (r.resourceType !== undefined && typeof r.resourceType !== 'string')
    throw new Error(`${where}: resourceType must be a string`);
  return {
    ...(r.id === undefined ? {} : { id: r.id as number }),
    url: r.url,
    method: r.method,
    status: r.status,
    time: r.time,
    ...(typeof r.startedAt === 'number' ? { startedAt: r.startedAt } : {}),
    ...(typeof r.responseDate === 'string' ? { responseDate: r.responseDate } : {}),
    ...(typeof r.pageUrl === 'string' ? { pageUrl: r.pageUrl } : {}),
    ...(r.resourceType === undefined ? {} : { resourceType: r.resourceType as string }),
    debugHeader: r.debugHeader as string | null,
    setCookies: r.setCookies,
    cookieHeader: r.cookieHeader as string | null,
    storedCookies: r.storedCookies as HistoryRecord['storedCookies'],
    debug: checked,
  };
}

/** Reads a history file; any problem is one readable message, and nothing is half-imported. */
export function importHistory(text: string): ImportResult {
  if (text.length > IMPORT_LIMITS.maxBytes) {
    return {
      ok: false,
      message: `Import failed: the file has ${text.length.toLocaleString('en-US')} characters, more than the ${IMPORT_LIMITS.maxBytes.toLocaleString('en-US')} a panel imports. Nothing was imported.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Import failed: the file is not JSON. Nothing was imported.' };
  }
  const over = overLimits(json);
  if (over !== null)
    return {
      ok: false,
      message: `Import failed: ${over}. Nothing was imported; the requests already in the panel are kept.`,
    };
  if (!isObject(json) || json.format !== HISTORY_FORMAT) {
    return {
      ok: false,
      message:
        'Import failed: not a Sessionscope history file (no "format": "sessionscope-history"). Nothing was imported.',
    };
  }
  if (json.version !== HISTORY_VERSION) {
    return {
      ok: false,
      message: `Import failed: history file version ${String(json.version)}; this panel reads version ${HISTORY_VERSION}. Nothing was imported.`,
    };
  }
  if (!Array.isArray(json.records))
    return { ok: false, message: 'Import failed: "records" is not a list. Nothing was imported.' };
  if (json.records.length > MAX_RECORDS) {
    return {
      ok: false,
      message: `Import failed: ${json.records.length} records, more than the ${MAX_RECORDS} a panel holds. Nothing was imported.`,
    };
  }
  if (json.secrets !== undefined && json.secrets !== 'masked' && json.secrets !== 'included') {
    return {
      ok: false,
      message: `Import failed: "secrets" must be "masked" or "included", got ${JSON.stringify(json.secrets)}. Nothing was imported.`,
    };
  }
  const secrets: HistorySecrets = json.secrets === 'masked' ? 'masked' : 'included';
  try {
    return { ok: true, records: json.records.map(checkRecord), secrets };
  } catch (error) {
    return { ok: false, message: `Import failed: ${(error as Error).message}. Nothing was imported.` };
  }
}
