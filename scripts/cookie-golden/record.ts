/**
 * Records fixtures/cookies/golden.json: the cookie engine's output on the golden cases
 * (test-support/cookie-golden.ts). Run it with the engine whose verdicts are the reference:
 *   npx tsx scripts/cookie-golden/record.ts [engine-dir] [label]
 * engine-dir defaults to this tree's extension/core/cookies. To record from an older commit:
 *   git archive <commit> extension/core | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   echo '{"type":"module"}' > /tmp/old/package.json
 *   npx tsx scripts/cookie-golden/record.ts /tmp/old/extension/core/cookies "<commit> (what it was)"
 * Re-record only when a verdict is meant to change, and say which in the commit message.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { digest, GOLDEN_FIXTURE, goldenCases, loadEngine } from '../../test-support/cookie-golden.js';

const dir = path.resolve(process.argv[2] ?? 'extension/core/cookies');
const label = process.argv[3] ?? dir;
const cases = Object.fromEntries(
  Object.entries(goldenCases(await loadEngine(dir))).map(([name, items]) => [name, items.map(digest)]),
);
// One case a line: a re-recording's git diff names the cases that moved.
const body = Object.entries(cases)
  .map(([name, digests]) => `    ${JSON.stringify(name)}: ${JSON.stringify(digests)}`)
  .join(',\n');
writeFileSync(
  GOLDEN_FIXTURE,
  `{\n  "recordedFrom": ${JSON.stringify(label)},\n  "cases": {\n${body}\n  }\n}\n`,
);
console.log(`${Object.keys(cases).length} cases from ${label} → ${GOLDEN_FIXTURE.pathname}`);
