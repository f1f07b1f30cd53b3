import { describe, expect, test } from 'vitest';
import { KEY_ID_PATTERN, parsePairing } from '../../protocol/src/index.js';
import { main } from '../src/cli-main.js';

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = main(args, (line) => lines.push(line));
  return { code, lines };
}

describe('sessionscope CLI', () => {
  test('keygen prints a pairing string whose key id matches, and the env line', async () => {
    const { code, lines } = await run(['keygen']);
    expect(code).toBe(0);
    const pairing = lines[0]!.replace('Pairing string: ', '');
    const key = await parsePairing(pairing);
    expect(lines[1]).toBe(`Key id:         ${key.kid}`);
    expect(lines.at(-1)).toBe(`SESSIONSCOPE_KEYS=${pairing}`);
  });

  test('keygen --json prints JSON', async () => {
    const { lines } = await run(['keygen', '--json']);
    const json = JSON.parse(lines[0]!) as { pairing: string; kid: string; env: string };
    expect(json.kid).toMatch(KEY_ID_PATTERN);
    expect((await parsePairing(json.pairing)).kid).toBe(json.kid);
    expect(json.env).toBe(`SESSIONSCOPE_KEYS=${json.pairing}`);
  });

  test('an unknown command prints usage and fails', async () => {
    const { code, lines } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(lines[0]).toContain('Usage: sessionscope keygen');
  });
});
