import { batch, effect, signal } from '@preact/signals';
import type { BrowserName } from '../../core/cookies/profiles.js';
import { judgeRecords, setEngineBrowser } from './cookie-history.js';
import type { DetailTab, Filter, PanelEvent, RequestRecord, Theme } from './types.js';

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
    filter: signal<Filter>({ text: '', method: '', status: '', changedOnly: false }),
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
    nextId: 1,
  };
}

export type Store = ReturnType<typeof createStore>;

/** Applies one event. Returns the id of a newly recorded request, for the shell to decode it. */
export function applyEvent(store: Store, event: PanelEvent): number | undefined {
  switch (event.type) {
    case 'request-finished': {
      if (store.paused.value) return undefined;
      const records = store.records.value.slice();
      const id = addFinished(store, records, event);
      store.records.value = records;
      return id;
    }
    case 'payload-decoded':
    case 'payload-failed': {
      const records = store.records.value.slice();
      if (applyOutcome(records, event)) store.records.value = records;
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
      if (!store.preserveLog.value) clear(store);
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
    case 'imported':
      batch(() => {
        const renumbered = event.records.map((r) => ({ ...r, id: store.nextId++ }));
        store.records.value = [...store.records.value, ...renumbered];
        store.notice.value = `Imported ${renumbered.length} requests.${event.note ? ` ${event.note}` : ''}`;
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

/** Records a finished request in `records` (mutated), in finish order; returns its new id. */
function addFinished(store: Store, records: RequestRecord[], event: Extract<PanelEvent, { type: 'request-finished' }>): number {
  const id = store.nextId++;
  const debug = event.summary.debugHeader === null ? { state: 'plain' as const } : { state: 'pending' as const };
  const pageUrl = event.summary.pageUrl ?? store.pageUrl;
  records.splice(insertionIndex(records, event.summary.time), 0, { ...event.summary, ...(pageUrl ? { pageUrl } : {}), id, debug });
  return id;
}

/** Puts a decrypt outcome on its record in `records` (mutated); false when the record is gone (cleared). */
function applyOutcome(records: RequestRecord[], event: Extract<PanelEvent, { type: 'payload-decoded' | 'payload-failed' }>): boolean {
  const index = indexOfId(records, event.id);
  if (index === -1) return false;
  const record = records[index]!;
  records[index] =
    event.type === 'payload-decoded'
      ? { ...record, debug: { state: 'decoded', payload: event.payload } }
      : { ...record, debug: { state: 'error', code: event.code, message: event.message } };
  return true;
}

/**
 * Where a newly finished request goes: after every request that finished before it. Usually the
 * end; but Firefox reports a redirected POST's HAR entry after the GET it redirects to, and the
 * list (and "since the previous request") must show the POST first. Looks back a few rows only.
 */
function insertionIndex(records: readonly RequestRecord[], time: number): number {
  let at = records.length;
  while (at > 0 && records.length - at < REORDER_WINDOW && records[at - 1]!.time > time) at--;
  return at;
}

const REORDER_WINDOW = 20;

/** Index of the record with this id: ids grow with position (bar a reordered few), so binary search. */
export function indexOfId(records: readonly RequestRecord[], id: number): number {
  const found = binarySearch(records, id);
  return found !== -1 ? found : records.findIndex((r) => r.id === id);
}

function binarySearch(records: readonly RequestRecord[], id: number): number {
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

/**
 * Applies many events with one copy of the list and one render: thousands of
 * requests (an import, a burst of traffic) cost O(n), not O(n²).
 */
export function applyEvents(store: Store, events: readonly PanelEvent[]): void {
  batch(() => {
    let working: RequestRecord[] | null = null;
    const flush = (): void => {
      if (working) store.records.value = working;
      working = null;
    };
    for (const event of events) {
      if (event.type === 'request-finished') {
        if (store.paused.value) continue;
        addFinished(store, (working ??= store.records.value.slice()), event);
      } else if (event.type === 'payload-decoded' || event.type === 'payload-failed') {
        applyOutcome((working ??= store.records.value.slice()), event);
      } else {
        flush();
        applyEvent(store, event);
      }
    }
    flush();
  });
}

function clear(store: Store): void {
  batch(() => {
    store.records.value = [];
    store.selectedId.value = null;
    store.compareId.value = null;
  });
}
