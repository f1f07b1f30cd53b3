/** What a decoder can say about a signature it cannot check. */

export interface SignatureInfo {
  present: boolean;
  /**
   * Always false: checking an HMAC needs the server's secret, which the panel never has. A decoded
   * value is what the cookie *says*; only the server knows whether it would accept it.
   */
  verified: false;
  /** The algorithm the format uses (or the likeliest one, from the signature's length). */
  algorithm: string | null;
  note: string;
}

/** base64url length of an HMAC digest -> its name; from the digest sizes of SHA-1 and SHA-2. */
export const HMAC_BY_BASE64_LENGTH: Readonly<Record<number, string>> = {
  27: 'HMAC-SHA1',
  38: 'HMAC-SHA224',
  43: 'HMAC-SHA256',
  64: 'HMAC-SHA384',
  86: 'HMAC-SHA512',
};
