#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, once per machine: Debian's python3-numpy for /usr/bin/python3.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

need=()
if ! /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then need+=(python3-numpy); fi

if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
