#!/usr/bin/env bash
# `npm run bench`: measurements printed side by side, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm --prefix server-lib run -s build >/tmp/sessionscope-lib-build.log 2>&1 || { cat /tmp/sessionscope-lib-build.log; exit 1; }
npx tsx bench/server.ts
npx tsx bench/server-inprocess.ts
bash scripts/ensure-debian.sh py:flask=python3-flask py:jwcrypto=python3-jwcrypto py:flask_session=python3-flask-session
/usr/bin/python3 bench/flask-adapter.py
if [ -f bench/panel-ingest.ts ]; then
  bash scripts/ensure-debian.sh chromium=chromium
  npx vite build -c vite.inline.config.ts >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
  npx tsx bench/panel-ingest.ts
  npx tsx bench/cookie-verdicts.ts
  npx tsx bench/huge-values.ts
fi
