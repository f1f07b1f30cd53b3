import { isWellFormedKeyId } from '../../../protocol/src/keys.js';
import { MAX_ORIGINS, isCanonicalOrigin } from './origins.js';

/** Name of the long-lived port the panel opens to the background. */
export const PANEL_PORT = 'sessionscope-panel';

/** Panel → background, over the port. The port's disconnect means "panel closed". */
export type PanelMessage =
  /** Send `kid` on this tab's requests to `origins` (exact http(s) origins; empty: to none). */
  | { type: 'attach'; tabId: number; kid: string; origins: string[] }
  | { type: 'detach' }
  /** Keeps an MV3 service worker alive (and so the port, whose end removes the rule). */
  | { type: 'ping' };

/** Background → panel. */
export type BackgroundMessage =
  { type: 'attached'; tabId: number; origins: string[] } | { type: 'attach-failed'; message: string };

const isOriginList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= MAX_ORIGINS && value.every(isCanonicalOrigin);

/** Checks a message from the port; anything else is ignored, never trusted. */
export function readPanelMessage(value: unknown): PanelMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.type === 'detach' || m.type === 'ping') return { type: m.type };
  if (
    m.type === 'attach' &&
    Number.isSafeInteger(m.tabId) &&
    (m.tabId as number) >= 0 &&
    isWellFormedKeyId(m.kid) &&
    isOriginList(m.origins)
  ) {
    return { type: 'attach', tabId: m.tabId as number, kid: m.kid, origins: [...m.origins] };
  }
  return null;
}

export function readBackgroundMessage(value: unknown): BackgroundMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.type === 'attached' && typeof m.tabId === 'number' && isOriginList(m.origins))
    return { type: 'attached', tabId: m.tabId, origins: [...m.origins] };
  if (m.type === 'attach-failed' && typeof m.message === 'string')
    return { type: 'attach-failed', message: m.message };
  return null;
}
