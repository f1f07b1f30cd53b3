import { render } from 'preact';
import { describeError, parsePairing } from '../../protocol/src/index.js';
import { importHistory } from '../core/history/format.js';
import { App } from './app/App.js';
import { applyEvent, applyEvents, createStore } from './state/store.js';
import type { PanelEvent, Theme } from './state/types.js';
import { rememberSplit } from './shell/settings.js';
import './panel.css';

/**
 * The inline shell: the same panel UI as a plain page, no extension APIs, fed by a recorded
 * history (`?history=<url>`) or by scripts through `window.sessionscope`. Used for UI tests,
 * screenshots and the ingest benchmark.
 */
const params = new URLSearchParams(location.search);
const store = createStore({ browser: params.get('browser') === 'firefox' ? 'firefox' : 'chromium' });
const dispatch = (event: PanelEvent) => applyEvent(store, event);
const clock = params.get('now');

declare global {
  interface Window {
    sessionscope: {
      store: typeof store;
      dispatch: typeof dispatch;
      applyEvents: (events: PanelEvent[]) => void;
      loadHistory: (text: string) => boolean;
    };
  }
}

function loadHistory(text: string): boolean {
  const result = importHistory(text);
  if (result.ok) dispatch({ type: 'imported', records: result.records });
  else dispatch({ type: 'import-failed', message: result.message });
  return result.ok;
}

window.sessionscope = { store, dispatch, applyEvents: (events) => applyEvents(store, events), loadHistory };
dispatch({ type: 'theme', theme: (params.get('theme') as Theme | null) ?? 'light' });
rememberSplit(store, dispatch);

const history = params.get('history');
if (history) {
  void fetch(history)
    .then((res) => res.text())
    .then((text) => {
      loadHistory(text);
      dispatch({ type: 'dismiss-notice' });
      const select = params.get('select');
      if (select) dispatch({ type: 'select', id: Number(select) });
      const tab = params.get('tab');
      if (tab) dispatch({ type: 'select-tab', tab: tab as never });
      document.body.dataset.ready = 'true';
    });
} else {
  document.body.dataset.ready = 'true';
}

render(
  <App
    context={{
      store,
      dispatch,
      now: () => (clock ? Number(clock) : Date.now()),
      actions: {
        pair: (text) =>
          void parsePairing(text).then(
            (key) => dispatch({ type: 'paired', kid: key.kid }),
            (error: unknown) => dispatch({ type: 'pairing-failed', message: describeError(error).message }),
          ),
        unpair: () => dispatch({ type: 'unpaired' }),
        setOrigins: (origins) => dispatch({ type: 'key-scope', origins, remembered: store.remembered.value }),
        setRemembered: (remembered) =>
          dispatch({ type: 'key-scope', origins: store.origins.value, remembered }),
        copy: (text) => void navigator.clipboard?.writeText(text),
        download: () => {},
      },
    }}
  />,
  document.getElementById('root')!,
);
