#!/usr/bin/env bash
# The one test command (README: `npm test`; CI: .ci/run). Sets up what it needs, then runs
# every layer: type-check, build both browsers, lint the Firefox build, unit + UI + real-browser e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/ensure-debian.sh chromium=chromium firefox-esr=firefox-esr redis-server=redis-server py:flask=python3-flask
echo "==> type-check"
npm run -s typecheck
echo "==> build dist/chrome and dist/firefox"
npm run -s build >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
echo "==> web-ext lint dist/firefox"
npx web-ext lint --source-dir dist/firefox --output json --self-hosted >/tmp/sessionscope-lint.json 2>/dev/null || true
node scripts/check-lint.mjs /tmp/sessionscope-lint.json
echo "==> vitest (unit, ui, e2e)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=/tmp/sessionscope-vitest.json "$@" || status=$?
node -e 'const r=require("/tmp/sessionscope-vitest.json");console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' || true
exit $status
