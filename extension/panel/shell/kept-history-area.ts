import browser from 'webextension-polyfill';

/** The storage area for a tab's kept history: in memory only (never on disk), gone when the browser closes. */
export function keptHistory():
  | {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
    }
  | undefined {
  return (browser.storage as unknown as { session?: ReturnType<typeof keptHistory> }).session;
}

export const keptHistoryKey = (tabId: number): string => `history.${tabId}`;
