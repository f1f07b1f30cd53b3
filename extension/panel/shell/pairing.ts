import browser, { type Runtime } from 'webextension-polyfill';
import { PANEL_PORT, readBackgroundMessage, type PanelMessage } from '../../core/attach/messages.js';
import { originOf } from '../../core/attach/origins.js';
import {
  ORIGINS_KEY,
  PAIRING_KEY,
  loadPairing,
  type PairingAreas,
  type StoredPairing,
} from '../../core/attach/stored-pairing.js';

/** storage.session by default (memory, gone when the browser quits); local only when remembered. */
export const areas: PairingAreas = { session: browser.storage.session, local: browser.storage.local };

/** Pairing, unpairing or a changed origin list in one DevTools window reaches the panels of the others. */
export function onPairingChanged(listener: (pairing: StoredPairing | null) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'session' || area === 'local') && (PAIRING_KEY in changes || ORIGINS_KEY in changes)) {
      void loadPairing(areas).then(listener);
    }
  });
}

/**
 * The http(s) origin of the page now in the inspected tab, asked of the page itself
 * (`location` cannot be redefined by page scripts); null for about:blank and the like.
 */
export async function inspectedOrigin(): Promise<string | null> {
  try {
    // Firefox resolves [result, exceptionInfo]; the polyfill over Chrome's callback gives the result alone.
    const result: unknown = await browser.devtools.inspectedWindow.eval('location.href');
    const href = Array.isArray(result) ? result[0] : result;
    return typeof href === 'string' ? originOf(href) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps a port to the background open while this panel lives; the background adds the
 * key-id header to this tab's requests to the given origins while the port is attached.
 * Reconnects if the worker restarts.
 */
export function connectRules(
  tabId: number,
  onStatus: (status: { active: boolean; error?: string }) => void = () => {},
) {
  let port: Runtime.Port | null = null;
  let attached: { kid: string; origins: string[] } | null = null;
  const send = (message: PanelMessage): void => port?.postMessage(message);
  const connect = (): void => {
    port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const message = readBackgroundMessage(raw);
      if (message?.type === 'attached') onStatus({ active: message.origins.length > 0 });
      // A refused DNR rule means the server is never asked for payloads: say so in the panel.
      if (message?.type === 'attach-failed') {
        console.warn(`Sessionscope: key id header not added: ${message.message}`);
        onStatus({ active: false, error: message.message });
      }
    });
    port.onDisconnect.addListener(() => {
      port = null;
      onStatus({ active: false });
      setTimeout(connect, 200);
    });
    if (attached) send({ type: 'attach', tabId, ...attached });
  };
  connect();
  // Messages keep an MV3 service worker alive, so that closing the panel reaches it.
  setInterval(() => send({ type: 'ping' }), 20_000);
  return {
    attach(kid: string, origins: readonly string[]): void {
      attached = { kid, origins: [...origins] };
      send({ type: 'attach', tabId, ...attached });
    },
    detach(): void {
      attached = null;
      send({ type: 'detach' });
      onStatus({ active: false });
    },
  };
}
