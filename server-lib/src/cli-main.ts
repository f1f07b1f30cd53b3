import { generateServerKey } from './keys.js';

const USAGE = `Usage: sessionscope keygen [--json]

  keygen   Make a developer key. Give the pairing string to the server
           (SESSIONSCOPE_KEYS) and paste it into the DevTools "Sessions" panel.
  --json   Print {"pairing","kid","env"} as JSON instead.`;

export function main(argv: readonly string[], print: (line: string) => void = console.log): number {
  const [command, ...flags] = argv;
  if (command !== 'keygen' || flags.some((f) => f !== '--json')) {
    print(USAGE);
    return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  const key = generateServerKey();
  const env = `SESSIONSCOPE_KEYS=${key.pairing}`;
  if (flags.includes('--json')) {
    print(JSON.stringify({ pairing: key.pairing, kid: key.kid, env }));
  } else {
    print(`Pairing string: ${key.pairing}`);
    print(`Key id:         ${key.kid}`);
    print('Keep the pairing string secret: it decrypts the debug payloads. Add to the server environment:');
    print(env);
  }
  return 0;
}
