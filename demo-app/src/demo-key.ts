import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKey } from '../../protocol/src/index.js';

/** `<repo>/.sessionscope-demo-key` (gitignored): the pairing survives restarts, so the panel stays paired. */
export const DEMO_KEY_FILE = fileURLToPath(new URL('../../.sessionscope-demo-key', import.meta.url));

/** SESSIONSCOPE_KEYS wins; else the saved demo key; else a new one, saved. */
export async function demoPairings(
  env: NodeJS.ProcessEnv = process.env,
  file = DEMO_KEY_FILE,
): Promise<string[]> {
  const fromEnv = (env.SESSIONSCOPE_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved !== '') return [saved];
  } catch {
    // first start: no key yet
  }
  const key = await generateKey();
  writeFileSync(file, `${key.pairing}\n`, { mode: 0o600 });
  return [key.pairing];
}
