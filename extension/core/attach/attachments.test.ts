import { describe, expect, test } from 'vitest';
import { createAttachments, type RuleSink } from './attachments.js';
import type { KidRule } from './kid-rule.js';

const KID = 'abcdefghijklmnopqrstuv';
const OTHER = 'ABCDEFGHIJKLMNOPQRSTUV';
const APP = 'http://127.0.0.1:3000';
const API = 'http://127.0.0.1:4000';

/** An in-memory DNR: rule id → [kid, urlFilter]; `tabOf` remembers each rule's tab. */
function sink() {
  const active = new Map<number, [string, string]>();
  const tabs = new Map<number, number>();
  const rules: RuleSink = {
    async replace(remove: number[], add: KidRule[]) {
      for (const id of remove) active.delete(id);
      for (const rule of add) {
        if (active.has(rule.id)) throw new Error(`rule id ${rule.id} in use`);
        active.set(rule.id, [rule.action.requestHeaders[0]!.value, rule.condition.urlFilter]);
        tabs.set(rule.id, rule.condition.tabIds[0]!);
      }
    },
    async remove(ids: number[]) {
      for (const id of ids) active.delete(id);
    },
  };
  return { rules, active, tabOf: (ruleId: number) => tabs.get(ruleId) };
}
const attach = (tabId: number, kid = KID, origins = [APP]) => ({
  type: 'attach' as const,
  tabId,
  kid,
  origins,
});

describe('attachments', () => {
  test('attach adds the tab rules for its origins; the port closing removes them', async () => {
    const { rules, active, tabOf } = sink();
    const a = createAttachments<object>(rules);
    const port = {};
    await a.message(port, attach(5, KID, [APP, API]));
    expect([...active.values()]).toEqual([
      [KID, `|${APP}/`],
      [KID, `|${API}/`],
    ]);
    expect([...active.keys()].every((id) => tabOf(id) === 5)).toBe(true);
    a.disconnected(port);
    expect(active.size).toBe(0);
  });

  test('a changed origin list replaces the rules: a removed origin stops getting the key id', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const port = {};
    await a.message(port, attach(5, KID, [APP, API]));
    await a.message(port, attach(5, KID, [APP]));
    expect([...active.values()]).toEqual([[KID, `|${APP}/`]]);
    await a.message(port, attach(5, KID, []));
    expect(active.size).toBe(0);
  });

  test('a reloaded panel keeps its rule when the old port disconnects late', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const old = {};
    const fresh = {};
    await a.message(old, attach(5));
    await a.message(fresh, attach(5));
    a.disconnected(old);
    expect([...active.values()]).toEqual([[KID, `|${APP}/`]]);
  });

  test('detach and re-pair: the new kid replaces the old; panels of other tabs are untouched', async () => {
    const { rules, active, tabOf } = sink();
    const a = createAttachments<object>(rules);
    const one = {};
    const two = {};
    await a.message(one, attach(1));
    await a.message(two, attach(2));
    await a.message(one, { type: 'detach' });
    expect([...active.keys()].map(tabOf)).toEqual([2]);
    await a.message(one, attach(1, OTHER));
    const byTab = new Map([...active].map(([id, [kid]]) => [tabOf(id), kid]));
    expect(byTab.get(1)).toBe(OTHER);
    expect(byTab.get(2)).toBe(KID);
  });

  test('a closed tab loses its rules; pings change nothing; a bad tab id rejects', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const port = {};
    await a.message(port, attach(9));
    await a.message(port, { type: 'ping' });
    expect(active.size).toBe(1);
    a.tabRemoved(9);
    expect(active.size).toBe(0);
    await expect(a.message(port, attach(-1))).rejects.toThrow(/tabId must be/);
  });

  test("Chromium's 10-digit tab ids work: rule ids come from a counter, one block per tab", async () => {
    const { rules, active, tabOf } = sink();
    const a = createAttachments<object>(rules);
    await a.message({}, attach(1488563800, KID, [APP, API]));
    await a.message({}, attach(1488563801));
    expect([...active.keys()].map(tabOf)).toEqual([1488563800, 1488563800, 1488563801]);
    expect(Math.max(...active.keys())).toBeLessThan(100);
  });
});
