import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { DEBUG_HEADER, KEY_ID_HEADER } from '../../protocol/src/index.js';

/**
 * The headers a paired response (one whose request carried a known key id) gets, and
 * nothing else (security review, issue 11 item 5):
 *   X-Sessionscope: <value>              when there is a payload to send;
 *   Vary: …, X-Sessionscope-Kid          the token appended to the app's Vary (or a new Vary);
 *   Cache-Control: private, no-store     in place of the app's Cache-Control (or new):
 * a shared cache must neither serve one developer's debug response to others nor store it.
 *
 * They are added inside the innermost writeHead, without changing how Node frames the
 * response: an app's own header names keep their case and position. When writeHead was
 * given headers and none were set before (Node's fast path, which writes that argument as
 * it is, duplicates included), ours are added to a copy of the argument; otherwise with
 * setHeader, under the name the app already used.
 */
export const PAIRED_CACHE_CONTROL = 'private, no-store';
const VARY_TOKEN = KEY_ID_HEADER;

type Value = number | string | readonly string[];
type Args = unknown[];

export interface Applied {
  /** writeHead's arguments to pass on (a copy when ours went into its headers argument). */
  args: Args;
  /** Puts back every header this call set on the response (writeHead threw). */
  undo(): void;
}

function varyWith(value: Value | undefined): Value {
  if (value === undefined) return VARY_TOKEN;
  const lines = (Array.isArray(value) ? value : [String(value)]) as string[];
  const tokens = lines.flatMap((line) => line.split(',').map((t) => t.trim().toLowerCase()));
  if (tokens.includes('*') || tokens.includes(VARY_TOKEN.toLowerCase())) return value;
  if (lines.length === 0) return VARY_TOKEN;
  const last = lines[lines.length - 1]!.trim();
  const joined = last === '' ? VARY_TOKEN : `${last}, ${VARY_TOKEN}`;
  return Array.isArray(value) ? [...lines.slice(0, -1), joined] : joined;
}

/** Where writeHead(status, [reason], [headers]) keeps its headers argument. */
function headersIndex(args: Args): number {
  return typeof args[1] === 'string' ? 2 : 1;
}

type Entries = Array<[string, unknown]>;

function entriesOf(headers: unknown): { entries: Entries; shape: 'object' | 'flat' | 'nested' } | undefined {
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0]))
      return { entries: (headers as unknown[][]).map((h) => [String(h[0]), h[1]]), shape: 'nested' };
    const entries: Entries = [];
    for (let i = 0; i + 1 < headers.length; i += 2) entries.push([String(headers[i]), headers[i + 1]]);
    // An odd-length array is the app's error to hit in Node's writeHead: leave it alone.
    return headers.length % 2 === 0 ? { entries, shape: 'flat' } : undefined;
  }
  if (typeof headers === 'object' && headers !== null)
    return { entries: Object.entries(headers as OutgoingHttpHeaders), shape: 'object' };
  return undefined;
}

function rebuild(entries: Entries, shape: 'object' | 'flat' | 'nested'): unknown {
  if (shape === 'nested') return entries.map(([k, v]) => [k, v]);
  if (shape === 'flat') return entries.flat();
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The name the app already gave `lower` on this response (its case), if any. */
function rawName(res: ServerResponse, lower: string): string | undefined {
  // OutgoingMessage#getRawHeaderNames (Node ≥ 15.13) is missing from @types/node 20.
  const names = (res as unknown as { getRawHeaderNames(): string[] }).getRawHeaderNames();
  return names.find((n) => n.toLowerCase() === lower);
}

export function addPairedHeaders(res: ServerResponse, args: Args, debugValue: string | undefined): Applied {
  const saved: Array<[string, Value | undefined, string | undefined]> = [];
  const set = (lower: string, fallbackName: string, value: Value): void => {
    const name = res.hasHeader(lower) ? rawName(res, lower) : undefined;
    saved.push([lower, res.getHeader(lower) as Value | undefined, name]);
    res.setHeader(name ?? fallbackName, value);
  };
  const undo = (): void => {
    for (const [lower, value, name] of saved.reverse()) {
      if (value === undefined) res.removeHeader(lower);
      else res.setHeader(name ?? lower, value);
    }
  };

  const index = headersIndex(args);
  const given = entriesOf(args[index]);
  const ours: Entries = [];
  if (given) {
    // Headers passed to writeHead win over those set before: change them in place.
    let vary = false;
    let cache = false;
    for (const entry of given.entries) {
      const lower = entry[0].toLowerCase();
      if (lower === 'vary') {
        entry[1] = varyWith(entry[1] as Value);
        vary = true;
      } else if (lower === 'cache-control') {
        entry[1] = PAIRED_CACHE_CONTROL;
        cache = true;
      }
    }
    const fastPath = res.getHeaderNames().length === 0;
    const add = (lower: string, name: string, value: Value): void => {
      if (fastPath || res.getHeader(lower) === undefined) ours.push([name, value]);
      else set(lower, name, value);
    };
    if (!vary) add('vary', 'Vary', varyWith(res.getHeader('vary') as Value | undefined));
    if (!cache) add('cache-control', 'Cache-Control', PAIRED_CACHE_CONTROL);
    if (debugValue !== undefined) ours.push([DEBUG_HEADER, debugValue]);
    const copy = [...args];
    copy[index] = rebuild([...given.entries, ...ours], given.shape);
    return { args: copy, undo };
  }
  set('vary', 'Vary', varyWith(res.getHeader('vary') as Value | undefined));
  set('cache-control', 'Cache-Control', PAIRED_CACHE_CONTROL);
  if (debugValue !== undefined) set(DEBUG_HEADER.toLowerCase(), DEBUG_HEADER, debugValue);
  return { args, undo };
}
