import { parsePairing, type DeveloperKey } from '../../../protocol/src/index.js';
import { MAX_ORIGINS, isCanonicalOrigin } from './origins.js';

/** The part of an extension storage area this module uses (`browser.storage.session` / `.local` fit). */
export interface StorageAreaLike {
  get(key: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * `session` lives in memory until the browser quits (the default: nothing on disk);
 * `local` is the profile on disk, unencrypted, used only when the developer ticks
 * "remember pairing on this machine".
 */
export interface PairingAreas {
  session: StorageAreaLike;
  local: StorageAreaLike;
}

export const PAIRING_KEY = 'sessionscope.pairing';
export const ORIGINS_KEY = 'sessionscope.origins';
const KEYS = [PAIRING_KEY, ORIGINS_KEY];

export interface StoredPairing {
  key: DeveloperKey;
  /** Exact origins the key id goes to (the app's, then API origins); may be empty. */
  origins: string[];
  /** true when kept in `local` (survives a browser restart). */
  remembered: boolean;
}

function readOrigins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter(isCanonicalOrigin))].slice(0, MAX_ORIGINS);
}

async function readArea(area: StorageAreaLike, remembered: boolean): Promise<StoredPairing | null> {
  const stored = await area.get(KEYS);
  const text = stored[PAIRING_KEY];
  if (typeof text !== 'string') return null;
  try {
    return { key: await parsePairing(text), origins: readOrigins(stored[ORIGINS_KEY]), remembered };
  } catch {
    return null; // an unusable stored value is as good as none: the panel asks to pair again
  }
}

/**
 * The pairing this browser holds, if any: the session area first (what this browser run chose),
 * then the remembered one. Earlier builds kept the key in `local` without origins: it
 * loads as remembered with no origin, so the key id goes nowhere until the developer picks one.
 */
export async function loadPairing(areas: PairingAreas): Promise<StoredPairing | null> {
  return (await readArea(areas.session, false)) ?? (await readArea(areas.local, true));
}

/** Checks and stores a pasted pairing string in one area (and clears the other); throws ERR_PAIRING_MALFORMED. */
export async function savePairing(
  areas: PairingAreas,
  text: string,
  origins: readonly string[],
  remember: boolean,
): Promise<StoredPairing> {
  const key = await parsePairing(text);
  const clean = readOrigins(origins);
  await write(areas, { key, origins: clean, remembered: remember });
  return { key, origins: clean, remembered: remember };
}

async function write(areas: PairingAreas, pairing: StoredPairing): Promise<void> {
  const [to, other] = pairing.remembered ? [areas.local, areas.session] : [areas.session, areas.local];
  await to.set({ [PAIRING_KEY]: pairing.key.pairing, [ORIGINS_KEY]: pairing.origins });
  await other.remove(KEYS);
}

/** Replaces the origin list of the stored pairing (no-op when not paired). */
export async function saveOrigins(
  areas: PairingAreas,
  origins: readonly string[],
): Promise<StoredPairing | null> {
  const current = await loadPairing(areas);
  if (!current) return null;
  const next = { ...current, origins: readOrigins(origins) };
  await write(areas, next);
  return next;
}

/** Moves the stored pairing to disk (`remember`) or back to memory only. */
export async function saveRemembered(areas: PairingAreas, remember: boolean): Promise<StoredPairing | null> {
  const current = await loadPairing(areas);
  if (!current) return null;
  const next = { ...current, remembered: remember };
  await write(areas, next);
  return next;
}

export async function forgetPairing(areas: PairingAreas): Promise<void> {
  await Promise.all([areas.session.remove(KEYS), areas.local.remove(KEYS)]);
}
