import { KEY_ID_HEADER } from '../../../protocol/src/constants.js';
import { isWellFormedKeyId } from '../../../protocol/src/keys.js';

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
  condition: { tabIds: number[]; resourceTypes: (typeof ALL_RESOURCE_TYPES)[number][] };
}

/** One rule per inspected tab, so several DevTools windows coexist. DNR ids must be ≥ 1. */
export function ruleIdForTab(tabId: number): number {
  return tabId + 1;
}

/** The session rule that adds the key id to every request of one tab while its panel is open. */
export function kidRule(tabId: number, kid: string): KidRule {
  if (!Number.isSafeInteger(tabId) || tabId < 0)
    throw new TypeError(`tabId must be a tab's id (an integer ≥ 0), got ${String(tabId)}.`);
  if (!isWellFormedKeyId(kid)) throw new TypeError('kid must be a 22-character base64url key id.');
  return {
    id: ruleIdForTab(tabId),
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: KEY_ID_HEADER, operation: 'set', value: kid }],
    },
    condition: { tabIds: [tabId], resourceTypes: [...ALL_RESOURCE_TYPES] },
  };
}
