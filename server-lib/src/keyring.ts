import {
  PAIRING_PREFIX,
  findKey,
  isWellFormedKeyId,
  parsePairing,
  type DeveloperKey,
} from '../../protocol/src/index.js';

const PAIRING_BODY = /^[A-Za-z0-9_-]{43}$/;

/** Splits the `keys` option (array, or comma-separated like the env var) into pairing strings. */
export function splitPairings(keys: readonly string[] | string | undefined): string[] {
  if (keys === undefined) return [];
  const list = typeof keys === 'string' ? keys.split(',') : [...keys];
  return list.map((k) => (typeof k === 'string' ? k.trim() : k)).filter((k) => k !== '');
}

/** Checks every pairing string's shape at setup; the message names the index, never the secret. */
export function validatePairings(pairings: readonly unknown[]): void {
  pairings.forEach((pairing, index) => {
    const ok =
      typeof pairing === 'string' &&
      pairing.startsWith(PAIRING_PREFIX) &&
      PAIRING_BODY.test(pairing.slice(PAIRING_PREFIX.length));
    if (!ok) {
      throw new TypeError(
        `sessionscope: keys[${index}] is not a pairing string (expected "${PAIRING_PREFIX}" followed by 43 base64url characters). ` +
          'Run "npx sessionscope keygen" to make one, and check SESSIONSCOPE_KEYS for stray characters.',
      );
    }
  });
}

/**
 * Key ids come from SHA-256 (async in Web Crypto), so they are derived on the
 * first request that carries a kid header, not at setup, and then cached.
 */
export class KeyRing {
  readonly #pairings: readonly string[];
  #keys: readonly DeveloperKey[] | undefined;
  #pending: Promise<readonly DeveloperKey[]> | undefined;

  constructor(pairings: readonly string[]) {
    this.#pairings = pairings;
  }

  /**
   * The key a request's kid header names, or undefined; constant-time over all keys.
   * Synchronous once the ids are derived (every request after the first), so a
   * debugged request does not wait a promise turn for a lookup in a small array.
   */
  lookup(kid: unknown): DeveloperKey | undefined | Promise<DeveloperKey | undefined> {
    if (!isWellFormedKeyId(kid)) return undefined;
    if (this.#keys) return findKey(this.#keys, kid);
    return this.#load().then((keys) => findKey(keys, kid));
  }

  #load(): Promise<readonly DeveloperKey[]> {
    this.#pending ??= Promise.all(this.#pairings.map((p) => parsePairing(p))).then(
      (keys) => (this.#keys = keys),
    );
    return this.#pending;
  }
}
