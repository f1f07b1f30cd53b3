import { describe, expect, test } from 'vitest';
import { kidRule } from './kid-rule.js';
import { createRuleQueue, type SessionRulesApi } from './rule-queue.js';

const KID = 'abcdefghijklmnopqrstuv';

/** An in-memory DNR whose calls finish in an order the test chooses (slowest first). */
function fakeDnr(delays: number[] = []) {
  const rules = new Map<number, unknown>();
  const calls: string[] = [];
  let call = 0;
  const api: SessionRulesApi = {
    async updateSessionRules({ removeRuleIds = [], addRules = [] }) {
      const delay = delays[call++] ?? 0;
      await new Promise((r) => setTimeout(r, delay));
      if (addRules.some((r) => r.id === 99)) throw new Error('rule 99 refused');
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
    const attach = queue.set(kidRule(4, KID));
    const detach = queue.remove(5);
    await Promise.all([attach, detach]);
    expect(dnr.calls).toEqual(['-5 +5', '-5 +']);
    expect(dnr.rules.size).toBe(0);
  });

  test('a refused update rejects for its caller and the next one still runs', async () => {
    const dnr = fakeDnr();
    const queue = createRuleQueue(dnr.api);
    await expect(queue.set(kidRule(98, KID))).rejects.toThrow('rule 99 refused');
    await queue.set(kidRule(1, KID));
    expect([...dnr.rules.keys()]).toEqual([2]);
  });

  test('removeAll drops every rule left by an earlier worker', async () => {
    const dnr = fakeDnr();
    const queue = createRuleQueue(dnr.api);
    await queue.set(kidRule(1, KID));
    await queue.set(kidRule(2, KID));
    await queue.removeAll();
    expect(dnr.rules.size).toBe(0);
  });
});
