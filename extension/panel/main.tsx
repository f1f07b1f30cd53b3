import browser from 'webextension-polyfill';
import { render } from 'preact';
import { describeError, type DeveloperKey } from '../../protocol/src/index.js';
import { summarizeHar, type HarEntryLike } from '../core/ingest/har.js';
import { openDebugHeader, type FetchText } from '../core/ingest/open-debug-header.js';
import { App } from './app/App.js';
import { applyEvent, createStore } from './state/store.js';
import type { PanelEvent } from './state/types.js';
import { copyText, downloadText } from './shell/clipboard.js';
import { connectRules, forgetKey, loadKey, onKeyChanged, saveKey } from './shell/pairing.js';
import { keepHistory } from './shell/keep-history.js';
import { rememberSplit } from './shell/settings.js';
import { probeServerLib } from './shell/probe.js';
import './panel.css';

/** The extension shell: browser APIs in, panel events out. Everything else is the shared UI. */
// The cookie engine applies the rules of the browser the panel runs in (Firefox's UA says so; Chrome, Edge… are Chromium).
const store = createStore({ browser: navigator.userAgent.includes('Firefox/') ? 'firefox' : 'chromium' });
const dispatch = (event: PanelEvent) => applyEvent(store, event);
const tabId = browser.devtools.inspectedWindow.tabId;
const rules = connectRules(tabId, (status) => dispatch({ type: 'rule-status', ...status }));
let key: DeveloperKey | null = null;

const fetchText: FetchText = async (url, headers) => {
  const res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  return { status: res.status, text: await res.text() };
};

function paired(newKey: DeveloperKey): void {
  key = newKey;
  rules.attach(newKey.kid);
  dispatch({ type: 'paired', kid: newKey.kid });
}

browser.devtools.network.onRequestFinished.addListener((entry: unknown) => {
  const summary = summarizeHar(entry as HarEntryLike, Date.now());
  const record = applyEvent(store, { type: 'request-finished', summary });
  if (record === undefined || summary.debugHeader === null) return;
  void openDebugHeader(summary.debugHeader, summary.url, key, fetchText).then((result) =>
    dispatch(
      result.ok
        ? { type: 'payload-decoded', key: record, payload: result.payload }
        : { type: 'payload-failed', key: record, code: result.code, message: result.message },
    ),
  );
});
browser.devtools.network.onNavigated.addListener((url: string) => dispatch({ type: 'navigated', url }));

// DevTools' theme, live: Chrome names its themes "default" and "dark" and reports changes through
// setThemeChangeHandler (not in webextension-polyfill's typings); Firefox says "light"/"dark" and
// has onThemeChanged.
const panels = browser.devtools.panels as {
  themeName?: string;
  onThemeChanged?: typeof browser.devtools.panels.onThemeChanged;
};
const chromePanels = (
  globalThis as {
    chrome?: { devtools?: { panels?: { setThemeChangeHandler?: (cb: (theme: string) => void) => void } } };
  }
).chrome?.devtools?.panels;
const theme = (name: string | undefined) =>
  dispatch({ type: 'theme', theme: name === 'dark' ? 'dark' : 'light' });
theme(panels.themeName);
if (typeof chromePanels?.setThemeChangeHandler === 'function') chromePanels.setThemeChangeHandler(theme);
else panels.onThemeChanged?.addListener(theme);

rememberSplit(store, dispatch);
void keepHistory(tabId, store, dispatch);

function unpaired(): void {
  key = null;
  rules.detach();
  dispatch({ type: 'unpaired' });
}

void loadKey().then((stored) => stored && paired(stored));
onKeyChanged((stored) => {
  if (stored && stored.kid !== key?.kid) paired(stored);
  else if (!stored && key) unpaired();
});

render(
  <App
    context={{
      store,
      dispatch,
      now: () => Date.now(),
      actions: {
        pair: (text) =>
          void saveKey(text).then(paired, (error: unknown) =>
            dispatch({ type: 'pairing-failed', message: describeError(error).message }),
          ),
        unpair: () => {
          unpaired();
          void forgetKey();
        },
        copy: copyText,
        download: downloadText,
        probe: (origin) =>
          void probeServerLib(origin).then((result) =>
            dispatch({ type: 'server-lib-probe', origin, result }),
          ),
      },
    }}
  />,
  document.getElementById('root')!,
);
