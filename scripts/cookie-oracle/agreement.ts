/**
 * Prints how often the cookie engine agrees with the recorded browsers:
 *
 *   npx tsx scripts/cookie-oracle/agreement.ts [fixture.json ...] [--verbose]
 *
 * Defaults to fixtures/cookies/oracle-{chromium,firefox}.json. The same figures are checked
 * (≥ 99 %, no false "rejected", expiry within 2 s) by extension/core/cookies/oracle.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { agreement, type OracleObservation } from '../../extension/core/cookies/oracle-replay.js';
import { PROFILES, type BrowserName } from '../../extension/core/cookies/profiles.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.find((a) => a.startsWith('--category='))?.slice('--category='.length);
const files = args.filter((a) => !a.startsWith('--'));
const paths =
  files.length > 0 ? files : ['chromium', 'firefox'].map((b) => `${REPO}fixtures/cookies/oracle-${b}.json`);

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 60)}… (${s.length} chars)` : s);
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

for (const path of paths) {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    browser: BrowserName;
    version: string;
    observations: OracleObservation[];
  };
  const observations = only ? file.observations.filter((o) => o.category === only) : file.observations;
  const a = agreement(observations, PROFILES[file.browser]);
  console.log(
    `${file.browser} ${file.version} (TZ=${process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone}): store agrees on ${a.agreeing}/${a.observations} (${pct(a.agreeing, a.observations)}), ` +
      `false "rejected" in ${a.falseRejected}, expiry within 2 s ${a.expiriesWithin2s}/${a.expiries} (${pct(a.expiriesWithin2s, a.expiries)}), ` +
      `Cookie header sent back ${a.sentAgreeing}/${a.sent} (${pct(a.sentAgreeing, a.sent)})`,
  );
  for (const [category, c] of Object.entries(a.byCategory))
    console.log(
      `  ${category.padEnd(22)} ${String(c.agreeing).padStart(4)}/${String(c.observations).padEnd(4)} ${pct(c.agreeing, c.observations)}`,
    );
  if (verbose) {
    for (const d of a.disagreements) {
      const c = d.comparison;
      console.log(`\n✗ ${d.case} ${d.context}`);
      for (const s of c.falseRejected) console.log(`    browser kept, engine did not: ${s}`);
      for (const s of c.falseKept) console.log(`    engine kept, browser did not: ${s}`);
      for (const s of c.attributeMismatch) console.log(`    attributes: ${s}`);
      const v = c.verdicts.flat().map((x) => `${x.outcome}${x.reason ? `(${x.reason.code})` : ''}`);
      console.log(`    verdicts: ${v.join(', ')}`);
    }
    for (const d of a.sentDisagreements)
      console.log(
        `  sent ✗ ${d.case} ${d.context}: engine "${short(d.predicted)}" · browser "${short(d.actual)}"`,
      );
    for (const d of a.expiryMisses)
      console.log(`  expiry ✗ ${d.case} ${d.context} ${d.name}: engine ${d.engine} · browser ${d.browser}`);
  }
}
