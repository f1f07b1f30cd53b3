import { describe, expect, test } from 'vitest';
import { kidRules, ruleBlock } from './kid-rule.js';
import { createRuleQueue, type SessionRulesApi } from './rule-queue.js';

const KID = 'abcdefghijklmnopqrstuv';
/** Tab n's rule block starts at 100·n + 1 here. */
const block = (tabId: number) => ruleBlock(100 * tabId + 1);
const set = (queue: ReturnType<typeof createRuleQueue>, tabId: number) =>
  queue.replace(block(tabId), kidRules(tabId, KID, ['http://127.0.0.1:3000'], 100 * tabId + 1));

/** An in-memory DNR whose calls finish in an order the test chooses (slowest first). */
function fakeDnr(delays: number[] = []) {
  const rules = new Map<number, unknown>();
  const calls: string[] = [];
  let call = 0;
  const api: SessionRulesApi = {
    async updateSessionRules({ removeRuleIds = [], addRules = [] }) {
      const delay = delays[call++] ?? 0;
      await new Promise((r) => setTimeout(r, delay));
      if (addRules.some((r) => r.condition.tabIds[0] === 98)) throw new Error('tab 98 refused');
      for (const id of removeRuleIds) rules.delete(id);
      for (const rule of addRules) rules.set(rule.id, rule);
      calls.push(`-${removeRuleIds.join(',')} +${addRules.map((r) => r.id).join(',')}`);
    },
    async getSessionRules() {
      return [...rules.keys()].map((id) => ({ id }));
    },
  };
  return { api, rules, calls };
}

describe('createRuleQueue', () => {
  test('a slow attach then a quick detach still end detached', async () => {
    const dnr = fakeDnr([30, 0]);
    const queue = createRuleQueue(dnr.api);
    const attach = set(queue, 4);
    const detach = queue.remove(block(4));
    await Promise.all([attach, detach]);
    const first = block(4)[0];
    expect(dnr.calls.map((c) => c.replace(/-[\d,]+/, '-all'))).toEqual([`-all +${first}`, '-all +']);
    expect(dnr.rules.size).toBe(0);
  });

  test('a refused update rejects for its caller and the next one still runs', async () => {
    const dnr = fakeDnr();
    const queue = createRuleQueue(dnr.api);
    await expect(set(queue, 98)).rejects.toThrow('tab 98 refused');
    await set(queue, 1);
    expect([...dnr.rules.keys()]).toEqual([block(1)[0]]);
  });

  test('removeAll drops every rule left by an earlier worker', async () => {
    const dnr = fakeDnr();
    const queue = createRuleQueue(dnr.api);
    await set(queue, 1);
    await set(queue, 2);
    await queue.removeAll();
    expect(dnr.rules.size).toBe(0);
  });
});
