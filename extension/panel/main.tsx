import browser from 'webextension-polyfill';
import { render } from 'preact';
import { describeError, type DeveloperKey } from '../../protocol/src/index.js';
import { summarizeHar, type HarEntryLike } from '../core/ingest/har.js';
import { openDebugHeader, type FetchText } from '../core/ingest/open-debug-header.js';
import { App } from './app/App.js';
import { applyEvent, createStore } from './state/store.js';
import type { PanelEvent } from './state/types.js';
import { copyText, downloadText } from './shell/clipboard.js';
import { areas, connectRules, inspectedOrigin, onPairingChanged } from './shell/pairing.js';
import { keepHistory } from './shell/keep-history.js';
import { rememberSplit } from './shell/settings.js';
import { originOf } from '../core/attach/origins.js';
import {
  forgetPairing,
  loadPairing,
  saveOrigins,
  savePairing,
  saveRemembered,
  type StoredPairing,
} from '../core/attach/stored-pairing.js';
import './panel.css';
import { originToBind } from '../core/attach/origin-to-bind.js';

/** The extension shell: browser APIs in, panel events out. Everything else is the shared UI. */
// The cookie engine applies the rules of the browser the panel runs in (Firefox's UA says so; Chrome, Edge… are Chromium).
const store = createStore({ browser: navigator.userAgent.includes('Firefox/') ? 'firefox' : 'chromium' });
const dispatch = (event: PanelEvent) => applyEvent(store, event);
const tabId = browser.devtools.inspectedWindow.tabId;
const rules = connectRules(tabId, (status) => dispatch({ type: 'rule-status', ...status }));
let key: DeveloperKey | null = null;

/**
 * The by-reference fetch: no cookies, no cache, and no redirect followed. `manual` rather than
 * `error` so that a redirect is told apart from a network failure in the row's message;
 * either way nothing is sent to the redirect's target.
 */
const fetchText: FetchText = async (url, headers) => {
  const res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store', redirect: 'manual' });
  const redirected = res.type === 'opaqueredirect' || res.redirected;
  return { status: res.status, text: redirected ? '' : await res.text(), redirected, url: res.url };
};

let origins: readonly string[] = [];

/** Applies a stored pairing (new, or its origins / remember choice changed): rules, then the UI. */
function paired(pairing: StoredPairing): void {
  const sameRules = key?.kid === pairing.key.kid && origins.join(' ') === pairing.origins.join(' ');
  key = pairing.key;
  origins = pairing.origins;
  if (!sameRules) rules.attach(pairing.key.kid, pairing.origins);
  dispatch({ type: 'paired', kid: pairing.key.kid });
  dispatch({ type: 'key-scope', origins: pairing.origins, remembered: pairing.remembered });
}

const failed = (error: unknown) =>
  dispatch({ type: 'pairing-failed', message: describeError(error).message });

browser.devtools.network.onRequestFinished.addListener((entry: unknown) => {
  const summary = summarizeHar(entry as HarEntryLike, Date.now());
  const record = applyEvent(store, { type: 'request-finished', summary });
  if (record === undefined || summary.debugHeader === null) return;
  void openDebugHeader(summary.debugHeader, summary.url, key, fetchText, origins).then((result) =>
    dispatch(
      result.ok
        ? { type: 'payload-decoded', key: record, payload: result.payload }
        : { type: 'payload-failed', key: record, code: result.code, message: result.message },
    ),
  );
});
browser.devtools.network.onNavigated.addListener((url: string) => {
  dispatch({ type: 'navigated', url });
  dispatch({ type: 'page-origin', origin: originOf(url) });
});
void inspectedOrigin().then((origin) => dispatch({ type: 'page-origin', origin }));

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
  origins = [];
  rules.detach();
  dispatch({ type: 'unpaired' });
}

void loadPairing(areas).then((stored) => stored && paired(stored));
onPairingChanged((stored) => {
  if (stored) paired(stored);
  else if (key) unpaired();
});

render(
  <App
    context={{
      store,
      dispatch,
      now: () => Date.now(),
      actions: {
        // The key id is bound to the origin of the page the tab shows while pairing: pair on your app.
        // (Asked of the page; if the page cannot answer, the last navigation DevTools reported;
        // asked again for up to 2 s while neither knows, as right after a navigation.)
        pair: (text) =>
          void originToBind(async () => (await inspectedOrigin()) ?? store.pageOrigin.peek())
            .then((origin) => savePairing(areas, text, origin ? [origin] : [], false))
            .then(paired, failed),
        unpair: () => {
          unpaired();
          void forgetPairing(areas);
        },
        setOrigins: (next) =>
          void saveOrigins(areas, next).then((stored) => stored && paired(stored), failed),
        setRemembered: (on) =>
          void saveRemembered(areas, on).then((stored) => stored && paired(stored), failed),
        copy: copyText,
        download: downloadText,
      },
    }}
  />,
  document.getElementById('root')!,
);
