import { effect } from '@preact/signals';
import { exportHistory, importHistory } from '../../core/history/format.js';
import type { Store } from '../state/store.js';
import type { PanelEvent } from '../state/types.js';
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
export async function keepHistory(tabId: number, store: Store, dispatch: (event: PanelEvent) => void): Promise<void> {
  const area = keptHistory();
  if (!area) return;
  const key = keptHistoryKey(tabId);
  try {
    const text = (await area.get(key))[key];
    if (typeof text === 'string') {
      const result = importHistory(text);
      if (result.ok && result.records.length > 0) dispatch({ type: 'restored', records: result.records });
    }
  } catch (error) {
    console.warn('Sessionscope: could not restore the kept history', error);
  }
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

  async function save(records: typeof store.records.value): Promise<void> {
    if (records.length === 0) {
      await area!.remove(key).catch(() => undefined);
      return;
    }
    let count = Math.min(records.length, KEEP_RECORDS);
    let text = exportHistory(records.slice(-count), Date.now());
    while (text.length > KEEP_BYTES && count > 1) {
      count = Math.floor(count / 2);
      text = exportHistory(records.slice(-count), Date.now());
    }
    if (text.length > KEEP_BYTES) return;
    await area!.set({ [key]: text }).catch((error: unknown) => console.warn('Sessionscope: could not keep the history', error));
  }
}
