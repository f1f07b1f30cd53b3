import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import { generateKey, keyIdOf as protocolKeyIdOf, parsePairing, sealText } from '../../protocol/src/index.js';
import { protectedHeaderOf, sealerFor } from '../src/seal.js';
import { openCompactJwe } from '../src/open-jwe.js';
import { generateServerKey, keyFromPairing } from '../src/keys.js';

/**
 * The server seals with node:crypto (synchronously, so the response is never held); the
 * panel opens with jose. These properties make the two one format: jose opens every token
 * we make, we open every token jose makes, and nothing else opens.
 */
const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const plaintextArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
);
const kidArb = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);
const decoder = new TextDecoder('utf-8', { fatal: true });

describe('compact JWE dir + A256GCM: ours and jose are one format', () => {
  test('jose opens every token we make, with the exact protected header of PROTOCOL.md', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, kidArb, plaintextArb, async (secret, kid, text) => {
        const jwe = sealerFor({ kid, secret })(text);
        const { plaintext, protectedHeader } = await compactDecrypt(jwe, secret, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        expect(decoder.decode(plaintext)).toBe(text);
        expect(protectedHeader).toEqual({
          alg: 'dir',
          enc: 'A256GCM',
          kid,
          cty: 'application/sessionscope+json',
        });
        expect(Buffer.from(jwe.split('.')[0]!, 'base64url').toString()).toBe(protectedHeaderOf(kid));
        // RFC 7518 §5.3: a 96-bit IV and a 128-bit tag, whatever node:crypto's defaults become.
        const [, encryptedKey, iv, , tag] = jwe.split('.');
        expect(encryptedKey).toBe('');
        expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
        expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
      }),
      { numRuns: 300 },
    );
  });

  test('we open every token jose makes (the protocol’s sealText, and any protected header jose writes for dir + A256GCM)', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        kidArb,
        plaintextArb,
        fc.option(fc.dictionary(fc.constantFrom('x', 'typ', 'note'), fc.string({ maxLength: 20 })), {
          nil: undefined,
        }),
        async (secret, kid, text, extra) => {
          const viaProtocol = await sealText(text, { kid, secret });
          const viaJose = await new CompactEncrypt(new TextEncoder().encode(text))
            .setProtectedHeader({ ...extra, alg: 'dir', enc: 'A256GCM', kid })
            .encrypt(secret);
          for (const jwe of [viaProtocol, viaJose]) {
            const opened = openCompactJwe(jwe, secret);
            expect(opened && decoder.decode(opened)).toBe(text);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('neither opens a token under another key, or with any byte of any part changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        secretArb,
        kidArb,
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.nat(),
        async (a, b, kid, text, at) => {
          fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
          const jwe = sealerFor({ kid, secret: a })(text);
          expect(openCompactJwe(jwe, b)).toBeUndefined();
          await expect(compactDecrypt(jwe, b)).rejects.toThrow();
          // Flip one base64url character anywhere but the (empty) key part and the dots. The last
          // character of a part may carry unused bits, which jose (unlike openCompactJwe) does
          // not check, so a flip there need not change a byte: those positions are left out.
          const positions = [...jwe]
            .map((c, i) => (c === '.' || jwe[i + 1] === '.' || i === jwe.length - 1 ? -1 : i))
            .filter((i) => i >= 0);
          const i = positions[at % positions.length]!;
          const swapped = jwe[i] === 'A' ? 'B' : 'A';
          const tampered = jwe.slice(0, i) + swapped + jwe.slice(i + 1);
          expect(openCompactJwe(tampered, a)).toBeUndefined();
          await expect(compactDecrypt(tampered, a)).rejects.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a fresh 96-bit IV per message: 20 000 seals of one text under one key, no IV twice, no ciphertext twice', () => {
    const seal = sealerFor({ kid: 'A'.repeat(22), secret: new Uint8Array(32).fill(7) });
    const ivs = new Set<string>();
    const bodies = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const [, , iv, ciphertext] = seal('the same plaintext').split('.') as [string, string, string, string];
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      ivs.add(iv);
      bodies.add(ciphertext);
    }
    expect([ivs.size, bodies.size]).toEqual([20_000, 20_000]);
  });

  test('a JWE with a compression or critical header is not ours to open (zip: DEF)', async () => {
    const secret = new Uint8Array(32).fill(1);
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })).toString(
      'base64url',
    );
    const jwe = sealerFor({ kid: 'A'.repeat(22), secret })('x').split('.');
    jwe[0] = header;
    expect(openCompactJwe(jwe.join('.'), secret)).toBeUndefined();
    expect(decodeProtectedHeader(jwe.join('.')).zip).toBe('DEF');
  });
});

describe('key ids: the server derives them synchronously, as the protocol does', () => {
  test('keyFromPairing agrees with protocol parsePairing/keyIdOf for any key', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (secret) => {
        const pairing = `sessionscope1:${Buffer.from(secret).toString('base64url')}`;
        const ours = keyFromPairing(pairing);
        const theirs = await parsePairing(pairing);
        expect(ours.kid).toBe(theirs.kid);
        expect(ours.kid).toBe(await protocolKeyIdOf(secret));
        expect(Buffer.from(ours.secret)).toEqual(Buffer.from(theirs.secret));
      }),
      { numRuns: 200 },
    );
  });

  test('keygen makes keys the panel parses to the same id', async () => {
    for (let i = 0; i < 20; i++) {
      const key = generateServerKey();
      expect((await parsePairing(key.pairing)).kid).toBe(key.kid);
    }
    expect((await generateKey()).kid).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
