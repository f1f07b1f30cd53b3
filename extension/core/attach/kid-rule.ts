import { KEY_ID_HEADER } from '../../../protocol/src/constants.js';
import { isWellFormedKeyId } from '../../../protocol/src/keys.js';
import { MAX_ORIGINS, isCanonicalOrigin } from './origins.js';

/**
 * Resource types both Chrome and Firefox accept in a DNR condition. Listing them is not
 * optional: a condition without `resourceTypes` matches everything *except* main_frame,
 * and navigations are exactly the requests whose session we want to see.
 */
export const ALL_RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'other',
] as const;

export interface KidRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'set'; value: string }[];
  };
  condition: {
    tabIds: number[];
    urlFilter: string;
    resourceTypes: (typeof ALL_RESOURCE_TYPES)[number][];
  };
}

/** DNR rule ids are 32-bit integers ≥ 1. */
const MAX_RULE_ID = 2 ** 31 - 1;

/**
 * The rule ids of one tab: a block of MAX_ORIGINS consecutive ids from `first`, so a
 * tab's rules go in one removal. Ids come from a counter (attachments.ts), not from the
 * tab id: Chromium's tab ids reach 10 digits.
 */
export function ruleBlock(first: number): number[] {
  if (!Number.isSafeInteger(first) || first < 1 || first + MAX_ORIGINS - 1 > MAX_RULE_ID)
    throw new TypeError(
      `first rule id must be an integer from 1 to ${MAX_RULE_ID - MAX_ORIGINS + 1}, got ${String(first)}.`,
    );
  return Array.from({ length: MAX_ORIGINS }, (_, slot) => first + slot);
}

/**
 * DNR conditions have no port field and `requestDomains` also matches subdomains, so the
 * exact origin is a urlFilter anchored at the start (`|`) and closed by the path's `/`:
 * `|http://127.0.0.1:3000/` matches neither `http://127.0.0.1:30001/`, nor
 * `http://127.0.0.1:3000@evil.example/`, nor `http://sub.127.0.0.1:3000/`.
 */
export function urlFilterFor(origin: string): string {
  return `|${origin}/`;
}

/**
 * The session rules that add the key id to the requests of one tab, and only to those that
 * go to one of `origins` (the paired app origin and any API origins the developer added),
 * with ids from the tab's block (`ruleBlock(firstRuleId)`). No origins: no rules, the key id goes nowhere.
 */
export function kidRules(
  tabId: number,
  kid: string,
  origins: readonly string[],
  firstRuleId: number,
): KidRule[] {
  if (!Number.isSafeInteger(tabId) || tabId < 0)
    throw new TypeError(`tabId must be a tab's id (an integer ≥ 0), got ${String(tabId)}.`);
  const ids = ruleBlock(firstRuleId);
  if (!isWellFormedKeyId(kid)) throw new TypeError('kid must be a 22-character base64url key id.');
  if (origins.length > MAX_ORIGINS)
    throw new TypeError(`At most ${MAX_ORIGINS} origins per tab, got ${origins.length}.`);
  for (const origin of origins) {
    if (!isCanonicalOrigin(origin))
      throw new TypeError(`"${origin}" is not an http(s) origin (scheme://host[:port]).`);
  }
  return [...new Set(origins)].map((origin, slot) => ({
    id: ids[slot]!,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: KEY_ID_HEADER, operation: 'set', value: kid }],
    },
    condition: { tabIds: [tabId], urlFilter: urlFilterFor(origin), resourceTypes: [...ALL_RESOURCE_TYPES] },
  }));
}
