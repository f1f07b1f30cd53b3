import { batch, effect, signal } from '@preact/signals';
import type { BrowserName } from '../../core/cookies/profiles.js';
import { judgeRecords, setEngineBrowser } from './cookie-history.js';
import type { HistoryRecord } from '../../core/history/format.js';
import { createFindingIndex } from './finding-index.js';
import { diffBetween, warmInBackground } from './diff-cache.js';
import { sincePreviousAt } from './since-previous.js';
import type { DebugPayload } from '../../../protocol/src/index.js';
import type { DetailTab, Filter, PanelEvent, RequestRecord, Split, Theme } from './types.js';

export const DEFAULT_FILTER: Filter = {
  text: '',
  method: '',
  status: '',
  changedOnly: false,
  hideStatic: true,
};
export const DEFAULT_SPLIT: Split = { columns: 0.42, rows: 0.4 };

/**
 * The panel's state: small signals, changed only by `applyEvent`. `browser` is where the panel
 * runs: the cookie engine applies that browser's rules.
 */
export function createStore({ browser = 'chromium' }: { browser?: BrowserName } = {}) {
  setEngineBrowser(browser);
  const records = signal<RequestRecord[]>([]);
  // Cookie verdicts follow the history, in order, before any view reads them.
  effect(() => judgeRecords(records.value));
  return {
    records,
    /** The inspected page's URL (last navigation): a request to another site is third-party. */
    pageUrl: null as string | null,
    selectedId: signal<number | null>(null),
    compareId: signal<number | null>(null),
    tab: signal<DetailTab>('diff'),
    filter: signal<Filter>({ ...DEFAULT_FILTER }),
    preserveLog: signal(true),
    paused: signal(false),
    kid: signal<string | null>(null),
    pairingError: signal<string | null>(null),
    ruleActive: signal(false),
    ruleError: signal<string | null>(null),
    /** Exact origins the key id goes to; empty: nowhere. */
    origins: signal<string[]>([]),
    /** The pairing is kept in storage.local (survives a browser restart). */
    remembered: signal(false),
    pageOrigin: signal<string | null>(null),
    notice: signal<string | null>(null),
    theme: signal<Theme>('light'),
    split: signal<Split>({ ...DEFAULT_SPLIT }),
    /** The next request number. */
    nextId: 1,
    /** The next internal key (never reset: an outcome for a cleared request must find nothing). */
    nextKey: 1,
    /** Findings over the list, grouped; brought up to date by whoever reads it (`useFindings`). */
    findings: createFindingIndex(),
  };
}

export type Store = ReturnType<typeof createStore>;

/**
 * What makes a request the same request in two files: server-lib's random request id when
 * decoded, else what the browser reported about it.
 */
export function identityOf(r: HistoryRecord): string {
  if (r.debug.state === 'decoded') {
    const requestId = (r.debug.payload as { requestId?: unknown }).requestId;
    if (typeof requestId === 'string') return `p:${requestId}`;
  }
  return `h:${r.method} ${r.url} ${r.startedAt ?? ''} ${r.time} ${r.status}`;
}

/** Applies one event. Returns the key of a newly recorded request, for the shell to decode it. */
export function applyEvent(store: Store, event: PanelEvent): number | undefined {
  switch (event.type) {
    case 'request-finished': {
      if (store.paused.value) return undefined;
      const records = store.records.value.slice();
      const key = addFinished(store, records, event);
      store.records.value = records;
      return key;
    }
    case 'payload-decoded':
    case 'payload-failed': {
      const records = store.records.value.slice();
      if (applyOutcome(records, event)) {
        store.records.value = records;
        if (event.type === 'payload-decoded') warmDiffs(store, [event.payload]);
      }
      return undefined;
    }
    case 'paired':
      batch(() => {
        store.kid.value = event.kid;
        store.pairingError.value = null;
      });
      return undefined;
    case 'unpaired':
      batch(() => {
        store.kid.value = null;
        store.origins.value = [];
        store.remembered.value = false;
      });
      return undefined;
    case 'key-scope':
      batch(() => {
        store.origins.value = event.origins;
        store.remembered.value = event.remembered;
      });
      return undefined;
    case 'page-origin':
      store.pageOrigin.value = event.origin;
      return undefined;
    case 'rule-status':
      batch(() => {
        store.ruleActive.value = event.active;
        store.ruleError.value = event.error ?? null;
      });
      return undefined;
    case 'pairing-failed':
      store.pairingError.value = event.message;
      return undefined;
    case 'navigated':
      store.pageUrl = event.url;
      batch(() => {
        if (!store.preserveLog.value) clear(store);
        store.notice.value = null;
      });
      return undefined;
    case 'clear':
      clear(store);
      return undefined;
    case 'select':
      store.selectedId.value = event.id;
      return undefined;
    case 'compare-with':
      store.compareId.value = event.id;
      return undefined;
    case 'select-tab':
      store.tab.value = event.tab;
      return undefined;
    case 'set-filter':
      store.filter.value = { ...store.filter.value, ...event.filter };
      return undefined;
    case 'set-preserve-log':
      store.preserveLog.value = event.on;
      return undefined;
    case 'set-paused':
      store.paused.value = event.on;
      return undefined;
    case 'theme':
      store.theme.value = event.theme;
      return undefined;
    case 'set-split':
      store.split.value = { ...store.split.value, ...event.split };
      return undefined;
    case 'imported':
      batch(() => {
        const before = store.records.value.length;
        const added = append(store, event.records, false);
        const skipped = event.records.length - added;
        store.notice.value =
          `Imported ${added} request${added === 1 ? '' : 's'}` +
          (skipped > 0 ? ` (${skipped} already listed, skipped).` : '.') +
          (before > 0 && added > 0 ? ` Numbered from #${store.records.value[before]!.id}.` : '') +
          (event.note ? ` ${event.note}` : '');
      });
      return undefined;
    case 'restored':
      batch(() => {
        restore(store, event.records);
      });
      return undefined;
    case 'import-failed':
      store.notice.value = event.message;
      return undefined;
    case 'dismiss-notice':
      store.notice.value = null;
      return undefined;
  }
}

/** Start time orders the list: a redirect's target always starts after the response that sent it there. */
const startOf = (r: { startedAt?: number; time: number }): number => r.startedAt ?? r.time;

/** Records a finished request in `records` (mutated), in start order; returns its key. */
function addFinished(
  store: Store,
  records: RequestRecord[],
  event: Extract<PanelEvent, { type: 'request-finished' }>,
): number {
  const key = store.nextKey++;
  const debug =
    event.summary.debugHeader === null ? { state: 'plain' as const } : { state: 'pending' as const };
  const at = insertionIndex(records, startOf(event.summary));
  const pageUrl = event.summary.pageUrl ?? store.pageUrl;
  const record: RequestRecord = {
    ...event.summary,
    ...(pageUrl ? { pageUrl } : {}),
    id: store.nextId++,
    key,
    debug,
  };
  if (at === records.length) {
    records.push(record);
    return key;
  }
  // Reported late (Firefox hands over a redirected POST after the GET it led to): it takes the
  // number of the first request it goes before, and those few move up by one, so numbers always
  // grow down the list. Selection follows the request, not the number.
  const renumbered = new Map<number, number>();
  record.id = records[at]!.id;
  for (let i = at; i < records.length; i++) {
    const r = records[i]!;
    renumbered.set(r.id, r.id + 1);
    records[i] = { ...r, id: r.id + 1 };
  }
  records.splice(at, 0, record);
  remapSelection(store, renumbered);
  return key;
}

function remapSelection(store: Store, renumbered: ReadonlyMap<number, number>): void {
  const selected = store.selectedId.peek();
  const compared = store.compareId.peek();
  if (selected !== null && renumbered.has(selected)) store.selectedId.value = renumbered.get(selected)!;
  if (compared !== null && renumbered.has(compared)) store.compareId.value = renumbered.get(compared)!;
}

/**
 * Puts a decrypt outcome on its record in `records` (mutated); false when the record is gone
 * (cleared). A record no view has seen yet (key ≥ `unseenFrom`: added in this same batch) is
 * changed in place; any other is replaced, since caches and views hold records by identity.
 */
function applyOutcome(
  records: RequestRecord[],
  event: Extract<PanelEvent, { type: 'payload-decoded' | 'payload-failed' }>,
  unseenFrom = Number.POSITIVE_INFINITY,
): boolean {
  const index = indexOfKey(records, event.key);
  if (index === -1) return false;
  const record = records[index]!;
  const debug: RequestRecord['debug'] =
    event.type === 'payload-decoded'
      ? { state: 'decoded', payload: event.payload }
      : { state: 'error', code: event.code, message: event.message };
  if (record.key >= unseenFrom) record.debug = debug;
  else records[index] = { ...record, debug };
  return true;
}

/**
 * Works out, in the background, the diffs a click on these newly decoded requests shows: the
 * handler's before → after, and since the previous request of the session when it was lost or
 * changed outside. Read from the list as it is when the job runs.
 */
function warmDiffs(store: Store, payloads: readonly DebugPayload[]): void {
  warmInBackground(
    payloads.map((payload) => () => {
      diffBetween(payload.session.before, payload.session.after);
      const records = store.records.value;
      for (let i = records.length - 1; i >= Math.max(0, records.length - WARM_LOOK_BACK); i--) {
        const debug = records[i]!.debug;
        if (debug.state === 'decoded' && debug.payload === payload) {
          sincePreviousAt(records, i);
          return;
        }
      }
    }),
  );
}

/** Decoded requests of a burst or an import whose diffs are worked out ahead of a click. */
const WARM_NEWEST = 50;

/** How far back from the end a warm job looks for its request (they are recent). */
const WARM_LOOK_BACK = 1000;

/** Outcomes arrive for recent requests: look from the end. */
function indexOfKey(records: readonly RequestRecord[], key: number): number {
  for (let i = records.length - 1; i >= 0; i--) if (records[i]!.key === key) return i;
  return -1;
}

/**
 * Where a newly finished request goes: after every request that started before it. Usually the
 * end; but Firefox reports a redirected POST's HAR entry after the GET it redirects to, and the
 * list (and "since the previous request") must show the POST first. Looks back a few rows only.
 */
function insertionIndex(records: readonly RequestRecord[], started: number): number {
  let at = records.length;
  while (at > 0 && records.length - at < REORDER_WINDOW && startOf(records[at - 1]!) > started) at--;
  return at;
}

const REORDER_WINDOW = 20;

/** Index of the record with this number: numbers grow with position, so binary search. */
export function indexOfId(records: readonly RequestRecord[], id: number): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = records[mid]!.id;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function toRecord(store: Store, r: HistoryRecord, id: number): RequestRecord {
  return { ...r, id, key: store.nextKey++, debug: r.debug as RequestRecord['debug'] };
}

/**
 * Appends history records not already listed. They keep the numbers they had when every one
 * of them is past the last number in use (importing into an empty panel, or a later part of the
 * same recording); otherwise they are numbered on from the last. Returns how many were added.
 */
function append(store: Store, incoming: readonly HistoryRecord[], keepNumbers: boolean): number {
  // Built when a file comes in (rare), not per live request.
  const identities = new Set(store.records.value.map(identityOf));
  const fresh = incoming.filter((r) => {
    const identity = identityOf(r);
    if (identities.has(identity)) return false;
    identities.add(identity);
    return true;
  });
  if (fresh.length === 0) return 0;
  const last = store.records.value.at(-1)?.id ?? 0;
  const ids = fresh.map((r) => r.id);
  const numbered = ids.every((id, i) => id !== undefined && id > last && (i === 0 || id > ids[i - 1]!));
  const added = fresh.map((r, i) => toRecord(store, r, keepNumbers || numbered ? r.id! : last + i + 1));
  store.records.value = [...store.records.value, ...added];
  warmDiffs(
    store,
    added.slice(-WARM_NEWEST).flatMap((r) => (r.debug.state === 'decoded' ? [r.debug.payload] : [])),
  );
  store.nextId = Math.max(store.nextId, added.at(-1)!.id + 1);
  return added.length;
}

/** Kept history goes first with its numbers; what arrived since the panel opened is numbered after it. */
function restore(store: Store, kept: readonly HistoryRecord[]): void {
  const live = store.records.value;
  store.records.value = [];
  store.nextId = 1;
  const restored = kept.filter((r) => r.id !== undefined && Number.isInteger(r.id));
  append(
    store,
    restored,
    restored.every((r, i) => i === 0 || r.id! > restored[i - 1]!.id!),
  );
  const identities = new Set(store.records.value.map(identityOf));
  const renumbered = new Map<number, number>();
  const moved = live
    .filter((r) => !identities.has(identityOf(r)))
    .map((r) => {
      identities.add(identityOf(r));
      const id = store.nextId++;
      renumbered.set(r.id, id);
      return { ...r, id };
    });
  store.records.value = [...store.records.value, ...moved];
  remapSelection(store, renumbered);
}

/**
 * Applies many events with one copy of the list and one render: thousands of
 * requests (an import, a burst of traffic) cost O(n), not O(n²).
 */
export function applyEvents(store: Store, events: readonly PanelEvent[]): void {
  batch(() => {
    let working: RequestRecord[] | null = null;
    // Warmed once for the batch (the newest only), not per event: 100,000 decodes in one burst.
    const decoded: DebugPayload[] = [];
    // Records made since the list was last published: nothing holds them yet (a burst of
    // traffic brings each request and then its payload; 100,000 copies less).
    let unseenFrom = store.nextKey;
    const flush = (): void => {
      if (working) store.records.value = working;
      working = null;
      unseenFrom = store.nextKey;
    };
    for (const event of events) {
      if (event.type === 'request-finished') {
        if (store.paused.value) continue;
        addFinished(store, (working ??= store.records.value.slice()), event);
      } else if (event.type === 'payload-decoded' || event.type === 'payload-failed') {
        const applied = applyOutcome((working ??= store.records.value.slice()), event, unseenFrom);
        if (applied && event.type === 'payload-decoded') decoded.push(event.payload);
      } else {
        flush();
        applyEvent(store, event);
        unseenFrom = store.nextKey;
      }
    }
    flush();
    warmDiffs(store, decoded.slice(-WARM_NEWEST));
  });
}

function clear(store: Store): void {
  batch(() => {
    store.records.value = [];
    store.selectedId.value = null;
    store.compareId.value = null;
    store.notice.value = null;
    store.nextId = 1;
  });
}
