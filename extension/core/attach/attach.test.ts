import { describe, expect, test } from 'vitest';
import { ALL_RESOURCE_TYPES, kidRule, ruleIdForTab } from './kid-rule.js';
import { readPanelMessage } from './messages.js';

const KID = 'abcdefghijklmnopqrstuv';

describe('kidRule', () => {
  test('sets the key id header on every resource type of one tab, navigations included', () => {
    const rule = kidRule(7, KID);
    expect(rule).toEqual({
      id: 8,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'X-Sessionscope-Kid', operation: 'set', value: KID }],
      },
      condition: { tabIds: [7], resourceTypes: [...ALL_RESOURCE_TYPES] },
    });
    expect(rule.condition.resourceTypes).toContain('main_frame');
  });

  test('rule ids differ per tab and are ≥ 1 (tab 0 exists in Firefox)', () => {
    expect(ruleIdForTab(0)).toBe(1);
    expect(ruleIdForTab(1)).not.toBe(ruleIdForTab(2));
  });

  test('refuses a bad tab id or a kid that is not a key id', () => {
    expect(() => kidRule(-1, KID)).toThrow(/tabId must be/);
    expect(() => kidRule(1.5, KID)).toThrow(TypeError);
    expect(() => kidRule(1, 'x\r\nEvil: 1')).toThrow(/kid must be/);
  });
});

describe('readPanelMessage', () => {
  test('accepts the three messages', () => {
    expect(readPanelMessage({ type: 'attach', tabId: 3, kid: KID })).toEqual({
      type: 'attach',
      tabId: 3,
      kid: KID,
    });
    expect(readPanelMessage({ type: 'detach', extra: 1 })).toEqual({ type: 'detach' });
    expect(readPanelMessage({ type: 'ping' })).toEqual({ type: 'ping' });
  });

  test.each([
    null,
    'attach',
    { type: 'attach', tabId: '3', kid: KID },
    { type: 'attach', tabId: 3, kid: 'short' },
    { type: 'other' },
  ])('ignores %j', (value) => expect(readPanelMessage(value)).toBeNull());
});
