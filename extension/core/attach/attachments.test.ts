import { describe, expect, test } from 'vitest';
import { createAttachments, type RuleSink } from './attachments.js';
import type { KidRule } from './kid-rule.js';

const KID = 'abcdefghijklmnopqrstuv';
const OTHER = 'ABCDEFGHIJKLMNOPQRSTUV';

function sink() {
  const active = new Map<number, string>();
  const rules: RuleSink = {
    async set(rule: KidRule) {
      active.set(rule.id, rule.action.requestHeaders[0]!.value);
    },
    async remove(id: number) {
      active.delete(id);
    },
  };
  return { rules, active };
}

describe('attachments', () => {
  test('attach adds the tab rule; the port closing removes it', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const port = {};
    await a.message(port, { type: 'attach', tabId: 5, kid: KID });
    expect([...active]).toEqual([[6, KID]]);
    a.disconnected(port);
    expect(active.size).toBe(0);
  });

  test('a reloaded panel keeps its rule when the old port disconnects late', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const old = {};
    const fresh = {};
    await a.message(old, { type: 'attach', tabId: 5, kid: KID });
    await a.message(fresh, { type: 'attach', tabId: 5, kid: KID });
    a.disconnected(old);
    expect([...active]).toEqual([[6, KID]]);
  });

  test('detach and re-pair: the new kid replaces the old; panels of other tabs are untouched', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const one = {};
    const two = {};
    await a.message(one, { type: 'attach', tabId: 1, kid: KID });
    await a.message(two, { type: 'attach', tabId: 2, kid: KID });
    await a.message(one, { type: 'detach' });
    expect([...active.keys()]).toEqual([3]);
    await a.message(one, { type: 'attach', tabId: 1, kid: OTHER });
    expect(active.get(2)).toBe(OTHER);
    expect(active.get(3)).toBe(KID);
  });

  test('a closed tab loses its rule; pings change nothing', async () => {
    const { rules, active } = sink();
    const a = createAttachments<object>(rules);
    const port = {};
    await a.message(port, { type: 'attach', tabId: 9, kid: KID });
    await a.message(port, { type: 'ping' });
    expect(active.size).toBe(1);
    a.tabRemoved(9);
    expect(active.size).toBe(0);
  });
});
