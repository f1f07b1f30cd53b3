/**
 * Background edge: turns panel ports into declarativeNetRequest session rules.
 * A panel attaches its inspected tab; the rule lives exactly as long as the port.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PANEL_PORT, readPanelMessage, type BackgroundMessage } from '../core/attach/messages.js';
import { kidRule, ruleIdForTab } from '../core/attach/kid-rule.js';
import { describeError } from '../../protocol/src/errors.js';
import { createRuleQueue, type SessionRulesApi } from '../core/attach/rule-queue.js';

// The polyfill's Rule type is Firefox's schema; KidRule is the subset both browsers accept.
const rules = createRuleQueue(browser.declarativeNetRequest as unknown as SessionRulesApi);
/** Which port owns each tab's rule: a reopened panel's new port must not lose its rule to the old one's disconnect. */
const owners = new Map<number, Runtime.Port>();

// A service worker (re)starting has no ports, so any session rule left behind is an orphan:
// the panel that made it reattaches over a new port if it is still open.
void rules.removeAll();

function detach(port: Runtime.Port): void {
  for (const [tabId, owner] of owners) {
    if (owner !== port) continue;
    owners.delete(tabId);
    void rules.remove(ruleIdForTab(tabId));
  }
}

function reply(port: Runtime.Port, message: BackgroundMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // The panel went away while the rule was being written; its disconnect cleans up.
  }
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT) return;
  port.onMessage.addListener((raw: unknown) => {
    const message = readPanelMessage(raw);
    if (message === null || message.type === 'ping') return;
    detach(port);
    if (message.type === 'detach') return;
    const { tabId, kid } = message;
    owners.set(tabId, port);
    rules.set(kidRule(tabId, kid)).then(
      () => reply(port, { type: 'attached', tabId }),
      (error: unknown) => reply(port, { type: 'attach-failed', message: describeError(error).message }),
    );
  });
  port.onDisconnect.addListener(() => detach(port));
});

browser.tabs.onRemoved.addListener((tabId) => {
  if (!owners.delete(tabId)) return;
  void rules.remove(ruleIdForTab(tabId));
});
