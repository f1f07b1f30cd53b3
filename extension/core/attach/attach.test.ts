import { describe, expect, test } from 'vitest';
import { ALL_RESOURCE_TYPES, kidRules, ruleBlock, urlFilterFor } from './kid-rule.js';
import { readBackgroundMessage, readPanelMessage } from './messages.js';
import { MAX_ORIGINS } from './origins.js';

const KID = 'abcdefghijklmnopqrstuv';
const APP = 'http://127.0.0.1:3000';

describe('kidRules', () => {
  test('one rule per origin: the key id header on every resource type of one tab, only to that origin', () => {
    const rules = kidRules(7, KID, [APP, 'https://api.example.com'], 33);
    expect(rules[0]).toEqual({
      id: 33,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'X-Sessionscope-Kid', operation: 'set', value: KID }],
      },
      condition: {
        tabIds: [7],
        urlFilter: '|http://127.0.0.1:3000/',
        resourceTypes: [...ALL_RESOURCE_TYPES],
      },
    });
    expect(rules[1]).toMatchObject({ id: 34, condition: { urlFilter: '|https://api.example.com/' } });
    expect(rules[0]!.condition.resourceTypes).toContain('main_frame');
  });

  test('no origin: no rule (the key id goes nowhere)', () => {
    expect(kidRules(7, KID, [], 1)).toEqual([]);
  });

  test("rule ids: a block of MAX_ORIGINS from the first id, within DNR's 32-bit range; Chromium's 10-digit tab ids work", () => {
    expect(ruleBlock(1)).toEqual(Array.from({ length: MAX_ORIGINS }, (_, i) => i + 1));
    const origins = Array.from({ length: MAX_ORIGINS }, (_, i) => `http://localhost:${3000 + i}`);
    expect(kidRules(1488563800, KID, origins, 17).map((r) => r.id)).toEqual(ruleBlock(17));
    expect(Math.max(...ruleBlock(2 ** 31 - MAX_ORIGINS))).toBe(2 ** 31 - 1);
    expect(() => ruleBlock(2 ** 31 - MAX_ORIGINS + 1)).toThrow(/first rule id/);
    expect(() => ruleBlock(0)).toThrow(/first rule id/);
  });

  test('refuses a bad tab id, a kid that is not a key id, an origin that is not exact, too many origins', () => {
    expect(() => kidRules(-1, KID, [APP], 1)).toThrow(/tabId must be/);
    expect(() => kidRules(1.5, KID, [APP], 1)).toThrow(TypeError);
    expect(() => kidRules(1, 'x\r\nEvil: 1', [APP], 1)).toThrow(/kid must be/);
    expect(() => kidRules(1, KID, ['http://127.0.0.1:3000/path'], 1)).toThrow(/not an http\(s\) origin/);
    expect(() => kidRules(1, KID, ['http://*.example.com'], 1)).toThrow(/not an http\(s\) origin/);
    expect(() => kidRules(1, KID, ['HTTP://LOCALHOST:3000'], 1)).toThrow(/not an http\(s\) origin/);
    const many = Array.from({ length: MAX_ORIGINS + 1 }, (_, i) => `http://localhost:${3000 + i}`);
    expect(() => kidRules(1, KID, many, 1)).toThrow(/At most/);
  });
});

/**
 * The urlFilter semantics both browsers implement (`|` anchors at the URL's start, other
 * characters literal): checked here as a prefix test on the canonical URL, and for real in
 * e2e/{chromium,firefox}/key-scope.e2e.ts.
 */
describe('urlFilterFor: exact origin, port included', () => {
  const matches = (origin: string, url: string) =>
    new URL(url).href.startsWith(urlFilterFor(origin).slice(1));
  test.each([
    ['http://127.0.0.1:3000/', true],
    ['http://127.0.0.1:3000/login?next=/', true],
    ['http://127.0.0.1:30001/', false],
    ['http://127.0.0.1:300/', false],
    ['http://127.0.0.1:3000@evil.example/', false],
    ['http://127.0.0.1.evil.example:3000/', false],
    ['https://127.0.0.1:3000/', false],
    ['http://localhost:3000/', false],
  ])('%s → %s', (url, expected) => expect(matches(APP, url)).toBe(expected));
  test('a default port is left out on both sides', () => {
    expect(matches('http://localhost', 'http://localhost:80/x')).toBe(true);
    expect(matches('http://localhost', 'http://localhost:8080/x')).toBe(false);
  });
});

describe('readPanelMessage', () => {
  test('accepts the three messages', () => {
    expect(readPanelMessage({ type: 'attach', tabId: 3, kid: KID, origins: [APP] })).toEqual({
      type: 'attach',
      tabId: 3,
      kid: KID,
      origins: [APP],
    });
    expect(readPanelMessage({ type: 'attach', tabId: 3, kid: KID, origins: [] })).toMatchObject({
      origins: [],
    });
    expect(readPanelMessage({ type: 'detach', extra: 1 })).toEqual({ type: 'detach' });
    expect(readPanelMessage({ type: 'ping' })).toEqual({ type: 'ping' });
  });
  test.each([
    null,
    'attach',
    { type: 'attach', tabId: '3', kid: KID, origins: [APP] },
    { type: 'attach', tabId: 3, kid: 'short', origins: [APP] },
    { type: 'attach', tabId: 3, kid: KID },
    { type: 'attach', tabId: 3, kid: KID, origins: ['<all_urls>'] },
    { type: 'attach', tabId: 3, kid: KID, origins: ['http://a.example/*'] },
    { type: 'other' },
  ])('ignores %j', (value) => expect(readPanelMessage(value)).toBeNull());
});

describe('readBackgroundMessage', () => {
  test('reads attached (with origins) and attach-failed; ignores the rest', () => {
    expect(readBackgroundMessage({ type: 'attached', tabId: 1, origins: [APP] })).toEqual({
      type: 'attached',
      tabId: 1,
      origins: [APP],
    });
    expect(readBackgroundMessage({ type: 'attach-failed', message: 'no' })).toEqual({
      type: 'attach-failed',
      message: 'no',
    });
    expect(readBackgroundMessage({ type: 'attached', tabId: 1 })).toBeNull();
  });
});
