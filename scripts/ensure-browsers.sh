#!/usr/bin/env bash
# Makes sure the two browsers the e2e tests drive are installed: Debian's chromium
# (/usr/bin/chromium) and firefox-esr (/usr/bin/firefox-esr). Installs what is missing
# (apt-get update once), or exits non-zero with one sentence naming what is missing.
# Overrides: SESSIONSCOPE_CHROMIUM / SESSIONSCOPE_FIREFOX (same variables as e2e/harness).
set -uo pipefail

chromium=${SESSIONSCOPE_CHROMIUM:-/usr/bin/chromium}
firefox=${SESSIONSCOPE_FIREFOX:-/usr/bin/firefox-esr}

missing_pkgs=()
missing_paths=()
[ -x "$chromium" ] || { missing_pkgs+=(chromium); missing_paths+=("$chromium"); }
[ -x "$firefox" ] || { missing_pkgs+=(firefox-esr); missing_paths+=("$firefox"); }

if [ ${#missing_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browsers: missing ${missing_paths[*]} and cannot install it here (needs root and apt-get): run 'apt-get install -y ${missing_pkgs[*]}' as root." >&2
    exit 1
  fi
  log=/tmp/sessionscope-ensure-browsers.log
  echo "==> apt-get install ${missing_pkgs[*]} (log: $log)"
  if ! apt-get update -q -o DPkg::Lock::Timeout=600 >"$log" 2>&1 ||
    ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing_pkgs[@]}" >>"$log" 2>&1; then
    echo "ensure-browsers: could not install the Debian package(s) ${missing_pkgs[*]} for ${missing_paths[*]} (see $log)." >&2
    exit 1
  fi
  for p in "${missing_paths[@]}"; do
    [ -x "$p" ] || { echo "ensure-browsers: ${missing_pkgs[*]} installed but $p is still missing." >&2; exit 1; }
  done
fi

# The Firefox harness uses Firefox internals verified on ESR 153 (e2e/harness/firefox-privileged.ts):
# say so when another major version is installed, without failing.
ff_major=$("$firefox" --version 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\)\..*/\1/p')
if [ -n "$ff_major" ] && [ "$ff_major" != 153 ]; then
  echo "ensure-browsers: note: Firefox $ff_major installed; the e2e Firefox harness was verified on ESR 153." >&2
fi
exit 0
