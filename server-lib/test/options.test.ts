import { describe, expect, test, vi } from 'vitest';
import { generateKey } from '../../protocol/src/index.js';
import { sessionscope } from '../src/index.js';

const noop = (_req: unknown, _res: unknown, next: () => void) => next();

function setupError(fn: () => unknown): TypeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('expected a TypeError at setup');
}

describe('sessionscope() setup', () => {
  test('no keys: returns the session middleware itself and logs one line', () => {
    const logger = vi.fn();
    expect(sessionscope(noop, { keys: [], logger })).toBe(noop);
    expect(sessionscope(noop, { keys: '', logger })).toBe(noop);
    expect(logger).toHaveBeenCalledTimes(2);
    expect(logger.mock.calls[0]![0]).toContain('debug mode is off');
  });

  test('keys from SESSIONSCOPE_KEYS by default', async () => {
    const key = await generateKey();
    vi.stubEnv('SESSIONSCOPE_KEYS', ` ${key.pairing} `);
    try {
      expect(sessionscope(noop, { nodeEnv: 'development' })).not.toBe(noop);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('production with keys refuses to start and says how to allow it or turn it off', async () => {
    const key = await generateKey();
    const error = setupError(() => sessionscope(noop, { keys: [key.pairing], nodeEnv: 'production' }));
    expect(error.message).toBe(
      'sessionscope: NODE_ENV is "production" and debug keys are configured. Pass { enabled: true, allowInProduction: true } to sessionscope() if you really mean to debug production, or remove the keys (SESSIONSCOPE_KEYS) to turn Sessionscope off.',
    );
    expect(
      sessionscope(noop, {
        keys: [key.pairing],
        nodeEnv: 'production',
        enabled: true,
        allowInProduction: true,
        logger: () => {},
      }),
    ).not.toBe(noop);
    // Production without keys is simply off.
    expect(sessionscope(noop, { keys: [], nodeEnv: 'production', logger: () => {} })).toBe(noop);
  });

  test('a malformed pairing string is named by index, never echoed', async () => {
    const key = await generateKey();
    const secretish = 'sessionscope1:tooShortButSecret';
    const error = setupError(() =>
      sessionscope(noop, { keys: `${key.pairing},${secretish}`, nodeEnv: 'test' }),
    );
    expect(error.message).toContain('keys[1] is not a pairing string');
    expect(error.message).toContain('npx sessionscope keygen');
    expect(error.message).not.toContain('tooShortButSecret');
  });

  test.each([
    [{ inlineLimit: -1 }, 'inlineLimit must be a non-negative integer'],
    [{ mountPath: 'nope/' }, 'mountPath must be an absolute path'],
    [{ cookieName: '' }, 'cookieName must be a non-empty string'],
    [{ enabled: 'yes' as never }, 'enabled must be true or false'],
    [
      { payloadStore: { put: async () => {} } as never },
      'payloadStore must have put(id, kid, jwe) and take(id, kid)',
    ],
    [{ redact: 'password' as never }, 'redact must be false, an array'],
  ])('rejects %j with a message that says what to change', async (bad, message) => {
    const key = await generateKey();
    expect(
      setupError(() => sessionscope(noop, { keys: [key.pairing], nodeEnv: 'test', ...bad })).message,
    ).toContain(message);
  });

  test('the first argument must be a middleware', () => {
    expect(setupError(() => sessionscope(undefined as never)).message).toContain(
      'must be your session middleware',
    );
  });
});
