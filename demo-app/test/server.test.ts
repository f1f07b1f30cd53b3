import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { generateKey, parsePairing } from '../../protocol/src/index.js';
import { Client, payloadOf } from '../../server-lib/test/support/http.js';
import { startDemo } from '../src/server.js';
import { demoPairings } from '../src/demo-key.js';

describe('startDemo', () => {
  test('listens on a free port with port 0, serves the demo with debug mode, and closes', async () => {
    const key = await generateKey();
    const demo = await startDemo({
      port: 0,
      store: 'cookie',
      sessionscope: { keys: [key.pairing], nodeEnv: 'test' },
    });
    try {
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await new Client(demo.url, key.kid).get('/');
      expect(reply.body).toContain('data-testid="mode">mode: cookie<');
      expect((await payloadOf(reply, demo.url, key)).middleware.kind).toBe('cookie-session');
    } finally {
      await demo.close();
    }
    await expect(fetch(demo.url)).rejects.toThrow();
  });

  test('debug mode is on by default, with SESSIONSCOPE_KEYS (or the saved demo key), and reports the pairing', async () => {
    const key = await generateKey();
    vi.stubEnv('SESSIONSCOPE_KEYS', key.pairing);
    const demo = await startDemo({ port: 0 });
    try {
      expect(demo.pairing).toBe(key.pairing);
      const reply = await new Client(demo.url, key.kid).get('/');
      expect((await payloadOf(reply, demo.url, key)).session.change).toBe('new');
    } finally {
      vi.unstubAllEnvs();
      await demo.close();
    }
    const off = await startDemo({ port: 0, sessionscope: false });
    try {
      expect(off.pairing).toBeNull();
      expect((await new Client(off.url, key.kid).get('/')).debugHeader).toBeNull();
    } finally {
      await off.close();
    }
  });

  test('an unknown store mode is refused by the server entry point', async () => {
    const { storeFromEnv } = await import('../src/server.js');
    expect(() => storeFromEnv('mongo')).toThrow(
      'SESSIONSCOPE_DEMO_STORE must be memory, cookie or redis (got "mongo").',
    );
    expect(storeFromEnv(undefined)).toBe('memory');
  });
});

describe('demo key', () => {
  test('SESSIONSCOPE_KEYS wins; otherwise one key is generated once and kept in the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ss-demo-')), 'key');
    const fromEnv = await generateKey();
    expect(await demoPairings({ SESSIONSCOPE_KEYS: fromEnv.pairing }, file)).toEqual([fromEnv.pairing]);
    const [first] = await demoPairings({}, file);
    await parsePairing(first!);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(await demoPairings({}, file)).toEqual([first]);
  });
});
