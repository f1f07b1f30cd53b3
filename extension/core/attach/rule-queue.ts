import type { KidRule } from './kid-rule.js';

/** The two declarativeNetRequest calls the queue needs; `browser.declarativeNetRequest` fits. */
export interface SessionRulesApi {
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: KidRule[] }): Promise<void>;
  getSessionRules(): Promise<{ id: number }[]>;
}

/**
 * Serializes session-rule updates: a detach and the next attach for the same tab arrive
 * back to back and must reach DNR in that order. A failure is reported to its caller
 * and does not block the updates queued after it.
 */
export function createRuleQueue(dnr: SessionRulesApi) {
  let tail: Promise<unknown> = Promise.resolve();
  function run(update: () => Promise<void>): Promise<void> {
    const next = tail.then(update, update);
    tail = next.catch(() => undefined);
    return next;
  }
  return {
    /** Removes `removeRuleIds` and adds `addRules` in one update (DNR applies it atomically). */
    replace: (removeRuleIds: number[], addRules: KidRule[]) =>
      run(() => dnr.updateSessionRules({ removeRuleIds, addRules })),
    remove: (removeRuleIds: number[]) => run(() => dnr.updateSessionRules({ removeRuleIds })),
    /** Drops every session rule of this extension (orphans after a worker restart). */
    removeAll: () =>
      run(async () => {
        const existing = await dnr.getSessionRules();
        if (existing.length > 0) await dnr.updateSessionRules({ removeRuleIds: existing.map((r) => r.id) });
      }),
  };
}
