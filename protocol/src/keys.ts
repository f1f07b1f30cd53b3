import { base64url } from 'jose';
import { KEY_ID_PATTERN, PAIRING_PREFIX } from './constants.js';
import { SessionscopeError } from './errors.js';

/** A developer key: 32 random bytes and the id derived from them. */
export interface DeveloperKey {
  /** Raw 256-bit key, the JWE content-encryption key (`dir` + `A256GCM`). */
  readonly secret: Uint8Array;
  /** 22-char base64url id sent on requests; reveals nothing about the key. */
  readonly kid: string;
  /** The printable form a developer pastes into the panel and the server's env var. */
  readonly pairing: string;
}

const KID_DOMAIN = new TextEncoder().encode('sessionscope kid v1\0');

/** kid = base64url(first 16 bytes of SHA-256("sessionscope kid v1\0" || key)). */
export async function keyIdOf(secret: Uint8Array): Promise<string> {
  const input = new Uint8Array(KID_DOMAIN.length + secret.length);
  input.set(KID_DOMAIN, 0);
  input.set(secret, KID_DOMAIN.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return base64url.encode(digest.subarray(0, 16));
}

export async function generateKey(): Promise<DeveloperKey> {
  return keyFromSecret(crypto.getRandomValues(new Uint8Array(32)));
}

async function keyFromSecret(secret: Uint8Array): Promise<DeveloperKey> {
  return { secret, kid: await keyIdOf(secret), pairing: PAIRING_PREFIX + base64url.encode(secret) };
}

/** Parses `sessionscope1:<base64url key>`; surrounding whitespace is forgiven, nothing else is. */
export async function parsePairing(text: string): Promise<DeveloperKey> {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PAIRING_PREFIX)) {
    throw new SessionscopeError(
      'ERR_PAIRING_MALFORMED',
      `A pairing string starts with "${PAIRING_PREFIX}"; run "npx sessionscope keygen" to make one.`,
    );
  }
  const encoded = trimmed.slice(PAIRING_PREFIX.length);
  if (!/^[A-Za-z0-9_-]{43}$/.test(encoded)) {
    throw new SessionscopeError(
      'ERR_PAIRING_MALFORMED',
      'The pairing string must end in 43 base64url characters (a 256-bit key).',
    );
  }
  return keyFromSecret(base64url.decode(encoded));
}

export function isWellFormedKeyId(value: unknown): value is string {
  return typeof value === 'string' && KEY_ID_PATTERN.test(value);
}

/**
 * Compares two strings in time that depends only on their lengths, so that a
 * server's answer time does not reveal how much of a guessed key id was right.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i % (a.length || 1)) || 0) ^ (b.charCodeAt(i % (b.length || 1)) || 0);
  }
  return diff === 0;
}

/** Finds the key whose id equals `kid`, looking at every key whatever the outcome. */
export function findKey<K extends { kid: string }>(keys: readonly K[], kid: string): K | undefined {
  let found: K | undefined;
  for (const key of keys) if (constantTimeEqual(key.kid, kid)) found = key;
  return found;
}
