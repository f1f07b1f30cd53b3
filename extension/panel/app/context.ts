import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Store } from '../state/store.js';
import type { PanelEvent } from '../state/types.js';

/** Side effects the UI asks of its shell; components never call browser APIs themselves. */
export interface PanelActions {
  pair(text: string): void;
  unpair(): void;
  /** Replaces the origins the key id goes to (the app's and API origins). */
  setOrigins(origins: string[]): void;
  /** Keeps the pairing on disk (storage.local) or in memory only (storage.session). */
  setRemembered(on: boolean): void;
  copy(text: string): void;
  download(filename: string, text: string): void;
}

export interface PanelContext {
  store: Store;
  dispatch(event: PanelEvent): void;
  actions: PanelActions;
  /** Injected clock, for relative times ("expires in 3 h"). */
  now(): number;
}

export const Panel = createContext<PanelContext | null>(null);

export function usePanel(): PanelContext {
  const context = useContext(Panel);
  if (!context) throw new Error('usePanel() outside <Panel.Provider>');
  return context;
}
