import browser, { type Runtime } from 'webextension-polyfill';
import { parsePairing, type DeveloperKey } from '../../../protocol/src/index.js';
import { PANEL_PORT, readBackgroundMessage, type PanelMessage } from '../../core/attach/messages.js';

const STORAGE_KEY = 'sessionscope.pairing';

/** The stored pairing string, parsed; null when not paired or the stored value is unusable. */
export async function loadKey(): Promise<DeveloperKey | null> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  if (typeof stored !== 'string') return null;
  try {
    return await parsePairing(stored);
  } catch {
    return null;
  }
}

export async function saveKey(text: string): Promise<DeveloperKey> {
  const key = await parsePairing(text);
  await browser.storage.local.set({ [STORAGE_KEY]: key.pairing });
  return key;
}

export async function forgetKey(): Promise<void> {
  await browser.storage.local.remove(STORAGE_KEY);
}

/** Pairing or unpairing in one DevTools window reaches the panels of the others. */
export function onKeyChanged(listener: (key: DeveloperKey | null) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && STORAGE_KEY in changes) void loadKey().then(listener);
  });
}

/**
 * Keeps a port to the background open while this panel lives; the background adds the
 * key-id header for this tab while the port is attached. Reconnects if the worker restarts.
 */
export function connectRules(
  tabId: number,
  onStatus: (status: { active: boolean; error?: string }) => void = () => {},
) {
  let port: Runtime.Port | null = null;
  let kid: string | null = null;
  const send = (message: PanelMessage): void => port?.postMessage(message);
  const connect = (): void => {
    port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const message = readBackgroundMessage(raw);
      if (message?.type === 'attached') onStatus({ active: true });
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
    if (kid) send({ type: 'attach', tabId, kid });
  };
  connect();
  // Messages keep an MV3 service worker alive, so that closing the panel reaches it.
  setInterval(() => send({ type: 'ping' }), 20_000);
  return {
    attach(newKid: string): void {
      kid = newKid;
      send({ type: 'attach', tabId, kid });
    },
    detach(): void {
      kid = null;
      send({ type: 'detach' });
      onStatus({ active: false });
    },
  };
}
