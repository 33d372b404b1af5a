#!/usr/bin/env bash
# Client emission tests (tests/Prom.Clients.Tests): the npm toolchain that checks and runs the emitted TypeScript
# (typescript, ws), pinned by the committed package-lock.json. Debian's mypy and python3-websockets come from the
# package table in scripts/install-deps.sh. Skips npm when node_modules was installed from this same lock file.
set -euo pipefail
cd "$(dirname "$0")/../../tests/Prom.Clients.Tests/node"
if cmp -s package-lock.json node_modules/.prom-installed-lock 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.prom-installed-lock
