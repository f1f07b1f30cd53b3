/**
 * Background edge: turns panel ports into declarativeNetRequest session rules.
 * A panel attaches its inspected tab and the origins the key id may go to; the rules
 * live exactly as long as the port.
 * The logic is in core/attach; this file only wires browser events to it.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PANEL_PORT, readPanelMessage, type BackgroundMessage } from '../core/attach/messages.js';
import { createAttachments } from '../core/attach/attachments.js';
import { createRuleQueue, type SessionRulesApi } from '../core/attach/rule-queue.js';
import { describeError } from '../../protocol/src/errors.js';
import { keptHistory, keptHistoryKey } from '../panel/shell/kept-history-area.js';

// The polyfill's Rule type is Firefox's schema; KidRule is the subset both browsers accept.
const rules = createRuleQueue(browser.declarativeNetRequest as unknown as SessionRulesApi);
const attachments = createAttachments<Runtime.Port>(rules);

// A worker (re)starting has no ports, so any session rule left behind is an orphan: the
// panel that made it reattaches over a new port if it is still open. Queued before any attach.
void rules.removeAll().catch(() => undefined);

function reply(port: Runtime.Port, message: BackgroundMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // The panel went away while the rule was being written; its disconnect cleans up.
  }
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT || port.sender?.id !== browser.runtime.id) return;
  port.onMessage.addListener((raw: unknown) => {
    const message = readPanelMessage(raw);
    if (message === null) return;
    attachments.message(port, message).then(
      () =>
        message.type === 'attach' &&
        reply(port, { type: 'attached', tabId: message.tabId, origins: message.origins }),
      (error: unknown) => reply(port, { type: 'attach-failed', message: describeError(error).message }),
    );
  });
  port.onDisconnect.addListener(() => attachments.disconnected(port));
});

browser.tabs.onRemoved.addListener((tabId) => {
  attachments.tabRemoved(tabId);
  // The panel keeps a tab's recorded history in session storage across DevTools reopen; the tab is gone.
  const area = keptHistory();
  void area?.remove(keptHistoryKey(tabId)).catch(() => undefined);
  void area?.remove(`${keptHistoryKey(tabId)}.view`).catch(() => undefined);
});
