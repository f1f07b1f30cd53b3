#!/usr/bin/env bash
# Usage: ensure-debian.sh <command-to-check>=<debian-package> ...
# Installs each missing Debian package, or exits naming exactly what is missing.
set -euo pipefail
missing=()
for pair in "$@"; do
  check=${pair%%=*}
  pkg=${pair#*=}
  if [[ $check == py:* ]]; then
    # Debian's own interpreter: a pyenv python3 earlier on PATH does not see Debian's packages.
    /usr/bin/python3 -c "import ${check#py:}" 2>/dev/null || missing+=("$pkg")
  else
    command -v "$check" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing Debian packages needed by the tests: ${missing[*]} (install them with: apt-get install -y ${missing[*]})." >&2
  exit 1
fi
echo "==> apt-get install ${missing[*]}"
apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/tmp/sessionscope-apt.log 2>&1; then
  echo "Could not install the Debian packages ${missing[*]} needed by the tests (see /tmp/sessionscope-apt.log)." >&2
  exit 1
fi
