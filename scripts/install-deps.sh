#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, once per machine. Idempotent: does nothing when everything is
# already there. Debian packages are gathered from every feature first so that `apt-get update` runs at most once;
# then each scripts/deps.d/*.sh runs in name order (start a server, `npm ci`, create a database role, ...).
#
# A feature adds its Debian packages by appending "<package> <check command>" lines to the table below, and its other
# steps as its own scripts/deps.d/NN-<feature>.sh (one file per feature, so features never edit the same lines).
set -euo pipefail
cd "$(dirname "$0")/.."

# package                check that succeeds when it is installed
packages=$(cat <<'TABLE'
python3-numpy            /usr/bin/python3 -c 'import numpy'
python3-websockets       /usr/bin/python3 -c 'import websockets'
mypy                     test -x /usr/bin/mypy
postgresql               test -x /usr/lib/postgresql/15/bin/postgres && command -v pg_ctlcluster
chromium                 test -x /usr/bin/chromium
TABLE
)

need=()
while read -r pkg check; do
  [ -n "$pkg" ] || continue
  if ! bash -c "$check" >/dev/null 2>&1; then need+=("$pkg"); fi
done <<<"$packages"

if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

for step in scripts/deps.d/*.sh; do
  [ -f "$step" ] || continue
  echo "install-deps: $step"
  bash "$step"
done
