import { describe, expect, test } from 'vitest';
import { generateKey } from '../../../protocol/src/keys.js';
import {
  ORIGINS_KEY,
  PAIRING_KEY,
  forgetPairing,
  loadPairing,
  saveOrigins,
  savePairing,
  saveRemembered,
  type StorageAreaLike,
} from './stored-pairing.js';

/** A storage area in memory, with the subset of the extension API the module uses. */
function area() {
  const data = new Map<string, unknown>();
  const api: StorageAreaLike = {
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
  };
  return { api, data };
}
function areas() {
  const session = area();
  const local = area();
  return { session: session.data, local: local.data, areas: { session: session.api, local: local.api } };
}
const APP = 'http://127.0.0.1:3000';

describe('stored pairing', () => {
  test('by default the key lives in session storage only (memory, gone when the browser quits)', async () => {
    const s = areas();
    const key = await generateKey();
    await savePairing(s.areas, key.pairing, [APP], false);
    expect(s.session.get(PAIRING_KEY)).toBe(key.pairing);
    expect(s.session.get(ORIGINS_KEY)).toEqual([APP]);
    expect(s.local.size).toBe(0);
    expect(await loadPairing(s.areas)).toMatchObject({
      key: { kid: key.kid },
      origins: [APP],
      remembered: false,
    });
  });

  test('"remember pairing on this machine" moves it to local storage, and back', async () => {
    const s = areas();
    const key = await generateKey();
    await savePairing(s.areas, key.pairing, [APP], false);
    await saveRemembered(s.areas, true);
    expect(s.session.size).toBe(0);
    expect(s.local.get(PAIRING_KEY)).toBe(key.pairing);
    expect(await loadPairing(s.areas)).toMatchObject({ origins: [APP], remembered: true });
    await saveRemembered(s.areas, false);
    expect(s.local.size).toBe(0);
    expect(s.session.get(PAIRING_KEY)).toBe(key.pairing);
  });

  test('origins change where the pairing is; unpairing clears both areas', async () => {
    const s = areas();
    const key = await generateKey();
    await savePairing(s.areas, key.pairing, [APP], true);
    await saveOrigins(s.areas, [APP, 'http://127.0.0.1:4000']);
    expect(s.local.get(ORIGINS_KEY)).toEqual([APP, 'http://127.0.0.1:4000']);
    await forgetPairing(s.areas);
    expect(s.session.size + s.local.size).toBe(0);
    expect(await loadPairing(s.areas)).toBeNull();
    expect(await saveOrigins(s.areas, [APP])).toBeNull();
  });

  test('a pairing string that does not parse is refused and nothing is stored', async () => {
    const s = areas();
    await expect(savePairing(s.areas, 'sessionscope1:nope', [APP], false)).rejects.toMatchObject({
      code: 'ERR_PAIRING_MALFORMED',
    });
    expect(s.session.size + s.local.size).toBe(0);
  });

  test('stored garbage loads as "not paired"; origins that are not exact origins are dropped', async () => {
    const s = areas();
    s.session.set(PAIRING_KEY, 'garbage');
    expect(await loadPairing(s.areas)).toBeNull();
    const key = await generateKey();
    s.session.set(PAIRING_KEY, key.pairing);
    s.session.set(ORIGINS_KEY, [APP, '<all_urls>', 'http://x.example/path', APP, 7]);
    expect((await loadPairing(s.areas))?.origins).toEqual([APP]);
  });

  test('a pairing an earlier build kept in local without origins loads as remembered, going nowhere', async () => {
    const s = areas();
    const key = await generateKey();
    s.local.set(PAIRING_KEY, key.pairing);
    expect(await loadPairing(s.areas)).toMatchObject({
      key: { kid: key.kid },
      origins: [],
      remembered: true,
    });
  });
});
