/**
 * Strict base64 decoding without `atob` or `Buffer` (the decoders run on ES2022 alone).
 *
 * Strict on purpose: a character outside the alphabet means "not this format", which is what keeps
 * the dispatcher from seeing a Flask cookie in every dotted string.
 */

export type Base64Alphabet = 'url' | 'standard' | 'either';

const URL_ONLY = '-_';
const STANDARD_ONLY = '+/';
const COMMON = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function table(extra: string, alias: string): Int16Array {
  const out = new Int16Array(128).fill(-1);
  for (let i = 0; i < COMMON.length; i++) out[COMMON.charCodeAt(i)] = i;
  for (let i = 0; i < 2; i++) {
    out[extra.charCodeAt(i)] = 62 + i;
    if (alias) out[alias.charCodeAt(i)] = 62 + i;
  }
  return out;
}

const TABLES: Record<Base64Alphabet, Int16Array> = {
  url: table(URL_ONLY, ''),
  standard: table(STANDARD_ONLY, ''),
  either: table(STANDARD_ONLY, URL_ONLY),
};

/**
 * Decodes base64 text, with or without `=` padding. Returns undefined for any character outside the
 * alphabet, misplaced padding, or a length no encoder produces (4n+1).
 */
export function decodeBase64(text: string, alphabet: Base64Alphabet): Uint8Array | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */ && text.length - end < 2) end--;
  if (end < text.length && text.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  const lookup = TABLES[alphabet];
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (lookup[code] ?? -1) : -1;
    if (sextet < 0) return undefined;
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** URL-safe base64 without padding: the form the typed-value vocabulary uses for bytes. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const alphabet = COMMON + URL_ONLY;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest > 1 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!;
    if (rest > 1) out += alphabet[(n >> 6) & 63]!;
  }
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes to text, or undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
