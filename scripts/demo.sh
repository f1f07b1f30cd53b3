#!/usr/bin/env bash
# The main job (README: `npm run demo`): install, build the extension for Chrome and Firefox,
# start the demo app in debug mode with embedded defaults (memory store, a generated key).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "==> build dist/chrome and dist/firefox"
npm run -s build >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
exec npx tsx demo-app/src/server.ts "$@"
