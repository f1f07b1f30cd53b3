import type { DeclarativeNetRequest } from 'webextension-polyfill';
import type { KidRule } from '../core/attach/kid-rule.js';

type Dnr = Pick<DeclarativeNetRequest.Static, 'updateSessionRules' | 'getSessionRules'>;

/**
 * Serializes session-rule updates: a detach and the next attach for the same tab arrive
 * back to back, and must reach DNR in that order. A failure is reported to its caller
 * and does not block the updates after it.
 */
export function createRuleQueue(dnr: Dnr) {
  let tail: Promise<unknown> = Promise.resolve();
  function run(update: () => Promise<void>): Promise<void> {
    const next = tail.then(update, update);
    tail = next.catch(() => undefined);
    return next;
  }
  return {
    set: (rule: KidRule) =>
      run(() =>
        dnr.updateSessionRules({
          removeRuleIds: [rule.id],
          addRules: [rule as unknown as DeclarativeNetRequest.Rule],
        }),
      ),
    remove: (id: number) => run(() => dnr.updateSessionRules({ removeRuleIds: [id] })),
    removeAll: () =>
      run(async () => {
        const existing = await dnr.getSessionRules();
        if (existing.length > 0) await dnr.updateSessionRules({ removeRuleIds: existing.map((r) => r.id) });
      }),
  };
}
