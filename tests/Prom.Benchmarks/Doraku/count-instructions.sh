#!/usr/bin/env bash
# Instructions per call of Doraku operations, counted by callgrind (independent of the machine's load):
#   tests/Prom.Benchmarks/Doraku/count-instructions.sh <entities> <padding> <calls> <operation>...
# Each operation runs twice under callgrind, with 0 and with <calls> measured calls after the same setup and warm-up;
# the difference divided by <calls> is one call. Build first: dotnet build tests/Prom.Benchmarks -c Release.
# CAVEAT (issue 17, session 4): under valgrind the .NET 10 JIT with DOTNET_TieredCompilation=0 compiles every method
# that calls another one in MinOpts (no inlining; DOTNET_JitDisasmSummary=1 under valgrind shows it), and with tiering
# on the counts include call-counting stubs and OSR code. Only leaf loops (the raw kernels) are counted as the machine
# runs them; compare the ECS paths by their JIT disassembly instead (docs/benchmarks.md, issue 17).
set -euo pipefail
entities=$1 padding=$2 calls=$3
shift 3
dll="$(dirname "$0")/../bin/Release/net10.0/Prom.Benchmarks.dll"
# Fully optimized code from the first call (no tiering), and no W^X double mapping (valgrind cannot follow it).
export DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null dotnet "$dll" count "$1" "$entities" "$padding" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for operation in "$@"; do
  base=$(count "$operation" 0)
  measured=$(count "$operation" "$calls")
  echo "$operation entities=$entities padding=$padding: $(( (measured - base) / calls )) instructions per call ($(( (measured - base) / calls / entities )).$(( ((measured - base) / calls % entities) * 100 / entities )) per entity)"
done
