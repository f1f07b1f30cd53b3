#!/usr/bin/env bash
# The one test command (README: `npm test`; CI: .ci/run). Sets up what it needs, then runs
# every layer: type-check, build both browsers, lint the Firefox build, unit + UI + real-browser e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
# Per-run scratch files: several checkouts may run the suite on one machine at once.
tmp=$(mktemp -d /tmp/sessionscope-test.XXXXXX)
bash scripts/install-deps.sh
bash scripts/ensure-debian.sh chromium=chromium firefox-esr=firefox-esr redis-server=redis-server py:flask=python3-flask \
  py:flask_session=python3-flask-session py:redis=python3-redis py:jwcrypto=python3-jwcrypto \
  py:cryptography=python3-cryptography py:pytest=python3-pytest py:cachelib=python3-cachelib py:blinker=python3-blinker py:hypothesis=python3-hypothesis
echo "==> type-check"
npm run -s typecheck
echo "==> build dist/chrome and dist/firefox"
npm run -s build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
echo "==> npm package sessionscope (packages/, installed and run by server-lib/test/package.test.ts)"
npm run -s pack >"$tmp/pack.log" 2>&1 || { cat "$tmp/pack.log"; exit 1; }
echo "==> web-ext lint dist/firefox"
npx web-ext lint --source-dir dist/firefox --output json --self-hosted >"$tmp/lint.json" 2>/dev/null || true
node scripts/check-lint.mjs "$tmp/lint.json"
echo "==> pytest adapters/flask (Debian's /usr/bin/python3)"
status=0
(cd adapters/flask && /usr/bin/python3 -m pytest -q -p no:cacheprovider) || status=$?
echo "==> vitest (unit, ui, e2e)"
vitest_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$tmp/vitest.json" "$@" || vitest_status=$?
[ $status -ne 0 ] || status=$vitest_status
node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' "$tmp/vitest.json" || true
exit $status
