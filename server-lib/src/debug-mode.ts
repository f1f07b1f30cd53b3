/**
 * Whether debug mode is on, decided once at setup (security review, issue 11 item 4):
 * explicit opt-in, never on in production by accident.
 *
 * - no keys → off;
 * - `enabled: false` → off;
 * - keys + a production-looking NODE_ENV (production, prod, preprod, staging, stage, live; compared
 *   trimmed and lower-cased) without `allowInProduction: true` → a setup-time TypeError;
 * - `enabled: true` → on;
 * - NODE_ENV `development` or `test` (trimmed, case-insensitive) → on;
 * - anything else, unset included → off.
 */
export interface ModeInput {
  keyCount: number;
  enabled: boolean | undefined;
  allowInProduction: boolean;
  nodeEnv: string | undefined;
}

export interface Mode {
  on: boolean;
  /** Why, for the start-up line. */
  reason: string;
}

export function looksLikeProduction(env: string): boolean {
  return env.includes('prod') || env === 'staging' || env === 'stage' || env === 'live';
}

export function debugMode({ keyCount, enabled, allowInProduction, nodeEnv }: ModeInput): Mode {
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    throw new TypeError('sessionscope: enabled must be true or false (or left out to follow NODE_ENV).');
  }
  if (keyCount === 0)
    return { on: false, reason: 'no keys configured (SESSIONSCOPE_KEYS or the keys option)' };
  if (enabled === false) return { on: false, reason: 'enabled: false' };
  const shown = nodeEnv === undefined ? 'unset' : JSON.stringify(nodeEnv);
  const env = (nodeEnv ?? '').trim().toLowerCase();
  if (looksLikeProduction(env) && allowInProduction !== true) {
    throw new TypeError(
      `sessionscope: NODE_ENV is ${shown} and debug keys are configured. ` +
        'Pass { enabled: true, allowInProduction: true } to sessionscope() if you really mean to debug production, ' +
        'or remove the keys (SESSIONSCOPE_KEYS) to turn Sessionscope off.',
    );
  }
  if (enabled === true) {
    return {
      on: true,
      reason: looksLikeProduction(env)
        ? `enabled: true and allowInProduction: true (NODE_ENV is ${shown})`
        : 'enabled: true',
    };
  }
  if (env === 'development' || env === 'test') return { on: true, reason: `NODE_ENV is ${shown}` };
  return {
    on: false,
    reason:
      `NODE_ENV is ${shown}; it turns on by itself only for NODE_ENV=development or test. ` +
      'Set one of those, or pass { enabled: true }',
  };
}
