import { effect } from '@preact/signals';
import { exportHistory, importHistory } from '../../core/history/format.js';
import type { Store } from '../state/store.js';
import type { DetailTab, PanelEvent } from '../state/types.js';
import { TABS } from '../app/Detail.js';
import { keptHistory, keptHistoryKey } from './kept-history-area.js';

/** Session storage is shared by every tab (Chrome: 10 MB in all): each tab keeps at most this much. */
export const KEEP_BYTES = 3 * 1024 * 1024;
const KEEP_RECORDS = 2000;
const SAVE_AFTER_MS = 800;

/**
 * Keeps this tab's recorded requests across DevTools close and reopen: the panel page dies with
 * DevTools, so the newest requests (within a byte budget) go to session storage — memory only,
 * cleared with the browser, and dropped by the background when the tab closes. Decrypted payloads
 * never touch the disk.
 */
export async function keepHistory(
  tabId: number,
  store: Store,
  dispatch: (event: PanelEvent) => void,
): Promise<void> {
  const area = keptHistory();
  if (!area) return;
  const key = keptHistoryKey(tabId);
  const viewKey = `${key}.view`;
  try {
    const stored = await area.get(key);
    const text = stored[key];
    if (typeof text === 'string') {
      const result = importHistory(text);
      if (result.ok && result.records.length > 0) dispatch({ type: 'restored', records: result.records });
    }
    // Firefox reloads the panel when the toolbox changes dock: the selection and tab come back too.
    const view = (await area.get(viewKey))[viewKey] as { selectedId?: unknown; tab?: unknown } | undefined;
    if (view && typeof view.selectedId === 'number' && store.selectedId.peek() === null)
      dispatch({ type: 'select', id: view.selectedId });
    if (view && typeof view.tab === 'string' && TABS.some((t) => t.id === view.tab))
      dispatch({ type: 'select-tab', tab: view.tab as DetailTab });
  } catch (error) {
    console.warn('Sessionscope: could not restore the kept history', error);
  }
  effect(() => {
    const view = { selectedId: store.selectedId.value, tab: store.tab.value };
    void area.set({ [viewKey]: view }).catch(() => undefined);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved: unknown = store.records.peek();
  effect(() => {
    const records = store.records.value;
    if (records === saved) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      saved = records;
      void save(records);
    }, SAVE_AFTER_MS);
  });

  async function save(all: typeof store.records.value): Promise<void> {
    let records = all;
    if (records.length === 0) {
      await area!.remove(key).catch(() => undefined);
      return;
    }
    // Unmasked: storage.session is memory only, the same place the pairing key lives (SECURITY.md),
    // and a masked copy would restore a history whose session ids no longer match the live cookies.
    const keep = { secrets: 'included' } as const;
    // A request whose session alone (as the server measured it) is past the budget can never be
    // kept: left out before serializing, so a 20 MB session never blocks the panel for seconds
    // on every save only to be dropped (issue 13).
    records = records.filter((r) => !tooBigToKeep(r));
    if (records.length === 0) return;
    let count = Math.min(records.length, KEEP_RECORDS);
    let text = exportHistory(records.slice(-count), Date.now(), keep);
    while (text.length > KEEP_BYTES && count > 1) {
      count = Math.floor(count / 2);
      text = exportHistory(records.slice(-count), Date.now(), keep);
    }
    if (text.length > KEEP_BYTES) return;
    await area!
      .set({ [key]: text })
      .catch((error: unknown) => console.warn('Sessionscope: could not keep the history', error));
  }
}

/**
 * Whether a record's payload is surely past the budget, by a walk that stops as soon as it is:
 * a 10 MB string answers at once, 1,000,000 items after a few hundred thousand. (Server-reported
 * sizes are what the store wrote, which can be far smaller than what the payload carries.)
 */
function tooBigToKeep(record: { debug: { state: string; payload?: unknown } }): boolean {
  if (record.debug.state !== 'decoded') return false;
  let bytes = 0;
  const stack: unknown[] = [record.debug.payload];
  while (stack.length > 0) {
    const value = stack.pop();
    bytes += typeof value === 'string' ? value.length + 2 : 8;
    if (bytes > KEEP_BYTES) return true;
    if (value !== null && typeof value === 'object')
      for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}
