#!/usr/bin/env bash
# `npm run pack`: the npm package `sessionscope` (server-lib, with the protocol code bundled in),
# built by tsup (server-lib's prepack) and packed into packages/sessionscope-<version>.tgz.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mkdir -p packages
rm -f packages/sessionscope-*.tgz
(cd server-lib && npm pack --pack-destination ../packages --silent >/dev/null)
ls -l packages/sessionscope-*.tgz
