import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { parsePairing, describeError } from '../../../protocol/src/index.js';
import { App } from '../app/App.js';
import { applyEvent, createStore } from '../state/store.js';
import type { PanelEvent } from '../state/types.js';
import type { HistoryRecord } from '../../core/history/format.js';

// Unmount after each test: the panel keeps timers (the finding index reads in slices), and a
// render after the file's jsdom is torn down fails on missing globals.
afterEach(cleanup);

/** A plain GET recorded a minute before the harness's clock; `over` sets what a test needs. */
export const historyRecord = (over: Partial<HistoryRecord>): HistoryRecord => ({
  url: 'http://localhost:3000/',
  method: 'GET',
  status: 200,
  time: Date.parse('2026-11-22T11:59:00Z'),
  debugHeader: null,
  setCookies: [],
  cookieHeader: null,
  storedCookies: [],
  debug: { state: 'plain' },
  ...over,
});

/** Renders the real panel UI with a test shell: actions are recorded, time is fixed. */
export function renderPanel(
  records: readonly HistoryRecord[] = [],
  now = Date.parse('2026-11-22T12:00:00Z'),
) {
  const store = createStore();
  const copied: string[] = [];
  const downloads: { filename: string; text: string }[] = [];
  const dispatch = (event: PanelEvent) => applyEvent(store, event);
  if (records.length > 0) {
    dispatch({ type: 'imported', records });
    dispatch({ type: 'dismiss-notice' });
  }
  const view = render(
    <App
      context={{
        store,
        dispatch,
        now: () => now,
        actions: {
          pair: (text) =>
            void parsePairing(text).then(
              (key) => dispatch({ type: 'paired', kid: key.kid }),
              (error: unknown) => dispatch({ type: 'pairing-failed', message: describeError(error).message }),
            ),
          unpair: () => dispatch({ type: 'unpaired' }),
          setOrigins: (origins) =>
            dispatch({ type: 'key-scope', origins, remembered: store.remembered.value }),
          setRemembered: (remembered) =>
            dispatch({ type: 'key-scope', origins: store.origins.value, remembered }),
          copy: (text) => copied.push(text),
          download: (filename, text) => downloads.push({ filename, text }),
        },
      }}
    />,
  );
  return { ...view, store, dispatch, copied, downloads };
}

export function rowFor(container: Element, method: string, path: string, nth = 0): HTMLElement {
  const rows = [...container.querySelectorAll<HTMLElement>('[data-testid=request-row]')].filter(
    (r) => r.dataset.method === method && new URL(r.dataset.url!).pathname === path,
  );
  const row = rows[nth];
  if (!row) throw new Error(`no row ${method} ${path} #${nth}`);
  return row;
}
