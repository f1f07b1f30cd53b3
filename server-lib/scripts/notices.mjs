// Writes THIRD-PARTY-NOTICES.md for the code the build bundles in (jose's base64url helpers).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const joseDir = dirname(require.resolve('jose/package.json'));
const { version } = JSON.parse(readFileSync(join(joseDir, 'package.json'), 'utf8'));
const licence = readFileSync(join(joseDir, 'LICENSE.md'), 'utf8').trim();
writeFileSync(
  new URL('../THIRD-PARTY-NOTICES.md', import.meta.url),
  `# Third-party code bundled in this package\n\n## jose ${version} (parts)\n\nhttps://github.com/panva/jose\n\n${licence}\n`,
);
