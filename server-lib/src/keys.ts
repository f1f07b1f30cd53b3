import { createHash, randomBytes } from 'node:crypto';
import { PAIRING_PREFIX } from '../../protocol/src/index.js';

/**
 * Developer keys on the server side, derived synchronously with node:crypto (the protocol
 * module's keyIdOf uses async Web Crypto for the browser). Same rule, PROTOCOL.md §1:
 * kid = base64url(first 16 bytes of SHA-256("sessionscope kid v1" || 0x00 || key)).
 * test/keys.test.ts checks both derivations agree.
 */
export interface ServerKey {
  readonly secret: Buffer;
  readonly kid: string;
  readonly pairing: string;
}

const KID_DOMAIN = Buffer.from('sessionscope kid v1\0', 'utf8');
const PAIRING_BODY = /^[A-Za-z0-9_-]{43}$/;

export function keyIdOf(secret: Uint8Array): string {
  return createHash('sha256')
    .update(KID_DOMAIN)
    .update(secret)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function isPairingString(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.startsWith(PAIRING_PREFIX) &&
    PAIRING_BODY.test(value.slice(PAIRING_PREFIX.length))
  );
}

/** A checked pairing string (see isPairingString) to its key. */
export function keyFromPairing(pairing: string): ServerKey {
  const secret = Buffer.from(pairing.slice(PAIRING_PREFIX.length), 'base64url');
  return { secret, kid: keyIdOf(secret), pairing };
}

/** A new developer key from the CSPRNG (`npx sessionscope keygen`). */
export function generateServerKey(): ServerKey {
  const secret = randomBytes(32);
  return { secret, kid: keyIdOf(secret), pairing: PAIRING_PREFIX + secret.toString('base64url') };
}
