#!/usr/bin/env bash
# `npm run demo:flask [-- --store cookie|redis|filesystem] [--port N]`: the Flask demo with the
# Sessionscope adapter (Debian's python3 and python3-* packages), after building the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/ensure-debian.sh py:flask=python3-flask py:flask_session=python3-flask-session py:redis=python3-redis \
  py:jwcrypto=python3-jwcrypto py:cachelib=python3-cachelib py:blinker=python3-blinker redis-server=redis-server
echo "==> build dist/chrome and dist/firefox"
npm run -s build >/tmp/sessionscope-build.log 2>&1 || { cat /tmp/sessionscope-build.log; exit 1; }
exec /usr/bin/python3 demo-flask/server.py "$@"
