import { describe, expect, test } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { generateKey, openPayload, sealPayload, SAMPLE_PAYLOAD_FOR_TESTS } from './support/sample.js';
import { nodeSealer } from '../src/node-seal.js';
import { Deadlines } from '../src/deadlines.js';

describe('nodeSealer: the same compact JWE as protocol sealPayload, opened by jose', () => {
  test('the panel (openPayload, jose) opens it; the protected header is the protocol one', async () => {
    const key = await generateKey();
    const jwe = nodeSealer(key).seal(JSON.stringify(SAMPLE_PAYLOAD_FOR_TESTS));
    expect(await openPayload(jwe, [key])).toEqual(SAMPLE_PAYLOAD_FOR_TESTS);
    const reference = await sealPayload(SAMPLE_PAYLOAD_FOR_TESTS, key);
    expect(decodeProtectedHeader(jwe)).toEqual(decodeProtectedHeader(reference));
    expect(jwe.split('.')[1]).toBe(''); // dir: no encrypted key
  });

  test('a fresh IV per message, and tampering or another key fails to open', async () => {
    const [key, other] = [await generateKey(), await generateKey()];
    const sealer = nodeSealer(key);
    const ivs = new Set(Array.from({ length: 500 }, () => sealer.seal('{}').split('.')[2]));
    expect(ivs.size).toBe(500);
    const jwe = sealer.seal(JSON.stringify(SAMPLE_PAYLOAD_FOR_TESTS));
    const parts = jwe.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    await expect(
      openPayload([parts[0], parts[1], parts[2], flipped, parts[4]].join('.'), [key]),
    ).rejects.toMatchObject({
      code: 'ERR_DECRYPT',
    });
    const otherSealed = nodeSealer({ kid: key.kid, secret: other.secret }).seal('{"v":1}');
    await expect(openPayload(otherSealed, [key])).rejects.toMatchObject({ code: 'ERR_DECRYPT' });
  });
});

describe('Deadlines: one timer for every held response', () => {
  test('fires what is not cancelled, in order, and never what is', async () => {
    const deadlines = new Deadlines(20);
    const fired: number[] = [];
    const entry = (i: number) => ({ expire: () => fired.push(i) });
    const entries = [0, 1, 2, 3].map(entry);
    for (const e of entries) deadlines.add(e);
    deadlines.delete(entries[1]!);
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toEqual([0, 2, 3]);
    expect(deadlines.size).toBe(0);
    deadlines.add(entry(4));
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toEqual([0, 2, 3, 4]);
  });
});
