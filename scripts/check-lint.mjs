// Fails when `web-ext lint --output json` reported errors; prints them first.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const errors = report.errors ?? [];
for (const e of errors) console.error(`web-ext lint: ${e.code}: ${e.message} (${e.file ?? ''})`);
console.log(`web-ext lint: ${errors.length} errors, ${report.warnings?.length ?? 0} warnings, ${report.notices?.length ?? 0} notices`);
process.exit(errors.length > 0 ? 1 : 0);
