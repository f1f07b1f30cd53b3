#!/usr/bin/env bash
# `npm run package`: store-ready packages in packages/: a Chrome Web Store zip and a Firefox
# add-on zip (AMO accepts the zip; rename to .xpi to install a signed copy). Both are the
# production builds of dist/chrome and dist/firefox, zipped as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run -s build >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
version=$(node -p "require('./manifest.json').version")
mkdir -p packages
npx web-ext build --source-dir dist/chrome --artifacts-dir packages --filename "sessionscope-chrome-${version}.zip" --overwrite-dest >/dev/null
npx web-ext lint --source-dir dist/firefox --output json --self-hosted >/tmp/sessionscope-lint.json 2>/dev/null || true
node scripts/check-lint.mjs /tmp/sessionscope-lint.json
npx web-ext build --source-dir dist/firefox --artifacts-dir packages --filename "sessionscope-firefox-${version}.zip" --overwrite-dest >/dev/null
ls -l packages/
