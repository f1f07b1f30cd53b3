import { beforeAll, describe, expect, test, vi } from 'vitest';
import { generateKey, type DeveloperKey } from '../../protocol/src/index.js';
import { sessionscope, type SessionscopeOptions } from '../src/index.js';

/**
 * Security review, issue 11 item 4: debug mode is an explicit opt-in. Before, only
 * NODE_ENV === 'production' exactly was caught: unset, `prod`, `Production`,
 * `production ` and `staging` all left debug mode on.
 */
let key: DeveloperKey;
beforeAll(async () => {
  key = await generateKey();
});
const noop = (_req: unknown, _res: unknown, next: () => void) => next();

function setup(options: SessionscopeOptions): { on: boolean; log: string[] } {
  const log: string[] = [];
  const result = sessionscope(noop, { keys: [key.pairing], logger: (m) => log.push(m), ...options });
  return { on: result !== noop, log };
}

describe('debug mode: on only when asked for', () => {
  test.each([
    ['production'],
    ['prod'],
    ['Production'],
    ['production '],
    [' PRODUCTION'],
    ['staging'],
    ['Stage'],
    ['live'],
    ['preprod'],
  ])('NODE_ENV=%j with keys: a setup TypeError that says what to change', (nodeEnv) => {
    expect(() => setup({ nodeEnv })).toThrow(TypeError);
    expect(() => setup({ nodeEnv })).toThrow(
      `NODE_ENV is ${JSON.stringify(nodeEnv)} and debug keys are configured. Pass { enabled: true, allowInProduction: true }`,
    );
    // enabled: true alone does not get past it either.
    expect(() => setup({ nodeEnv, enabled: true })).toThrow(TypeError);
  });

  test.each([[''], ['qa'], ['local'], ['dev'], ['ci'], ['testing']])(
    'NODE_ENV=%j: off, the session middleware itself, and the log line says why and how to turn it on',
    (nodeEnv) => {
      const { on, log } = setup({ nodeEnv });
      expect(on).toBe(false);
      expect(log).toHaveLength(1);
      expect(log[0]).toContain('debug mode is off');
      expect(log[0]).toContain(
        nodeEnv === undefined ? 'NODE_ENV is unset' : `NODE_ENV is ${JSON.stringify(nodeEnv)}`,
      );
      expect(log[0]).toContain('development or test');
      expect(log[0]).toContain('{ enabled: true }');
    },
  );

  test('NODE_ENV unset in the real environment (no nodeEnv option): off', () => {
    vi.stubEnv('NODE_ENV', undefined);
    try {
      const { on, log } = setup({});
      expect(on).toBe(false);
      expect(log[0]).toContain('NODE_ENV is unset');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test.each([['development'], ['test'], [' Development '], ['TEST']])('NODE_ENV=%j: on', (nodeEnv) => {
    const { on, log } = setup({ nodeEnv });
    expect(on).toBe(true);
    expect(log[0]).toContain(`debug mode is on (NODE_ENV is ${JSON.stringify(nodeEnv)})`);
  });

  test('the options decide over NODE_ENV, as documented', () => {
    expect(setup({ nodeEnv: undefined, enabled: true }).on).toBe(true);
    expect(setup({ nodeEnv: 'qa', enabled: true }).log[0]).toContain('debug mode is on (enabled: true)');
    expect(setup({ nodeEnv: 'development', enabled: false }).on).toBe(false);
    expect(setup({ nodeEnv: 'production', enabled: true, allowInProduction: true }).on).toBe(true);
    // allowInProduction only lifts the guard; it does not turn anything on.
    expect(setup({ nodeEnv: 'production', allowInProduction: true }).on).toBe(false);
    // enabled: false never throws, whatever the environment.
    expect(setup({ nodeEnv: 'production', enabled: false }).on).toBe(false);
  });

  test('the start-up line names the key ids to compare with the panel, never a key', async () => {
    const second = await generateKey();
    const log: string[] = [];
    sessionscope(noop, {
      keys: [key.pairing, second.pairing],
      nodeEnv: 'development',
      logger: (m) => log.push(m),
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`key ids ${key.kid}, ${second.kid}`);
    for (const secret of [key.pairing, second.pairing]) {
      expect(log[0]).not.toContain(secret);
      expect(log[0]).not.toContain(secret.slice('sessionscope1:'.length, 20));
    }
  });
});
