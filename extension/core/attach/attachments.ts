import { kidRules, ruleBlock, type KidRule } from './kid-rule.js';
import { MAX_ORIGINS } from './origins.js';
import type { PanelMessage } from './messages.js';

/** What the background does to DNR; the queue in rule-queue.ts fits. */
export interface RuleSink {
  replace(removeRuleIds: number[], addRules: KidRule[]): Promise<void>;
  remove(removeRuleIds: number[]): Promise<void>;
}

/**
 * Which panel port owns which tab's rules. A port owns at most one tab (its inspected
 * window); a tab's rules belong to the port that set them last, so a reloaded panel's new
 * port keeps its rules when the old port's disconnect arrives late.
 *
 * Each attached tab gets a block of MAX_ORIGINS rule ids from a counter. The counter starts
 * again with the worker, after the background removed every rule left behind.
 */
export function createAttachments<Port extends object>(rules: RuleSink) {
  const tabs = new Map<number, { port: Port; firstRuleId: number }>();
  let nextRuleId = 1;

  function drop(tabId: number): void {
    const tab = tabs.get(tabId);
    if (!tab) return;
    tabs.delete(tabId);
    void rules.remove(ruleBlock(tab.firstRuleId)).catch(() => undefined);
  }

  /** Drops the rules of every tab this port owns, but `keep` (about to be replaced in one update). */
  function release(port: Port, keep?: number): void {
    for (const [tabId, tab] of tabs) if (tab.port === port && tabId !== keep) drop(tabId);
  }

  return {
    /** Handles one checked port message; resolves when an attach reached DNR (rejects if refused). */
    async message(port: Port, message: PanelMessage): Promise<void> {
      if (message.type === 'ping') return;
      if (message.type === 'detach') return release(port);
      release(port, message.tabId);
      const firstRuleId = tabs.get(message.tabId)?.firstRuleId ?? nextRuleId;
      const add = kidRules(message.tabId, message.kid, message.origins, firstRuleId);
      if (firstRuleId === nextRuleId) nextRuleId += MAX_ORIGINS;
      tabs.set(message.tabId, { port, firstRuleId });
      await rules.replace(ruleBlock(firstRuleId), add);
    },
    disconnected: (port: Port) => release(port),
    tabRemoved: drop,
  };
}
