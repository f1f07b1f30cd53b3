#!/usr/bin/env bash
# `npm run bench`: measurements printed side by side, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npx tsx bench/server.ts
if [ -f bench/panel-ingest.ts ]; then
  bash scripts/ensure-debian.sh chromium=chromium
  npx vite build -c vite.inline.config.ts >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
  npx tsx bench/panel-ingest.ts
  npx tsx bench/cookie-verdicts.ts
fi
