import { kidRule, ruleIdForTab, type KidRule } from './kid-rule.js';
import type { PanelMessage } from './messages.js';

/** What the background does to DNR; the queue in rule-queue.ts fits. */
export interface RuleSink {
  set(rule: KidRule): Promise<void>;
  remove(ruleId: number): Promise<void>;
}

/**
 * Which panel port owns which tab's rule. A port owns at most one tab (its inspected
 * window); a tab's rule belongs to the port that set it last, so a reloaded panel's new
 * port keeps its rule when the old port's disconnect arrives late.
 */
export function createAttachments<Port extends object>(rules: RuleSink) {
  const owners = new Map<number, Port>();

  function release(port: Port): void {
    for (const [tabId, owner] of owners) {
      if (owner !== port) continue;
      owners.delete(tabId);
      void rules.remove(ruleIdForTab(tabId)).catch(() => undefined);
    }
  }

  return {
    /** Handles one checked port message; resolves when an attach reached DNR (rejects if refused). */
    message(port: Port, message: PanelMessage): Promise<void> {
      if (message.type === 'ping') return Promise.resolve();
      release(port);
      if (message.type === 'detach') return Promise.resolve();
      owners.set(message.tabId, port);
      return rules.set(kidRule(message.tabId, message.kid));
    },
    disconnected: release,
    tabRemoved(tabId: number): void {
      if (owners.delete(tabId)) void rules.remove(ruleIdForTab(tabId)).catch(() => undefined);
    },
  };
}
