import { PAIRING_PREFIX, constantTimeEqual, isWellFormedKeyId } from '../../protocol/src/index.js';
import { isPairingString, keyFromPairing, type ServerKey } from './keys.js';
import { sealerFor, type Seal } from './seal.js';

/** Splits the `keys` option (array, or comma-separated like the env var) into pairing strings. */
export function splitPairings(keys: readonly string[] | string | undefined): string[] {
  if (keys === undefined) return [];
  const list = typeof keys === 'string' ? keys.split(',') : [...keys];
  return list.map((k) => (typeof k === 'string' ? k.trim() : k)).filter((k) => k !== '');
}

/** Checks every pairing string's shape at setup; the message names the index, never the secret. */
export function validatePairings(pairings: readonly unknown[]): void {
  pairings.forEach((pairing, index) => {
    if (!isPairingString(pairing)) {
      throw new TypeError(
        `sessionscope: keys[${index}] is not a pairing string (expected "${PAIRING_PREFIX}" followed by 43 base64url characters). ` +
          'Run "npx sessionscope keygen" to make one, and check SESSIONSCOPE_KEYS for stray characters.',
      );
    }
  });
}

/** A configured key with its sealer, made once at setup. */
export interface RingKey extends ServerKey {
  readonly seal: Seal;
}

/** The configured keys, derived synchronously at setup: a lookup never waits. */
export class KeyRing {
  readonly keys: readonly RingKey[];

  constructor(pairings: readonly string[]) {
    this.keys = pairings.map((pairing) => {
      const key = keyFromPairing(pairing);
      return { ...key, seal: sealerFor(key) };
    });
  }

  get kids(): string[] {
    return this.keys.map((k) => k.kid);
  }

  /** The key a request's kid header names, or undefined; looks at every key whatever the outcome. */
  lookup(kid: unknown): RingKey | undefined {
    if (!isWellFormedKeyId(kid)) return undefined;
    let found: RingKey | undefined;
    for (const key of this.keys) if (constantTimeEqual(key.kid, kid)) found = key;
    return found;
  }
}
