#!/usr/bin/env bash
# Instructions per call of Doraku operations, counted by callgrind (independent of the machine's load):
#   tests/Prom.Benchmarks/Doraku/count-instructions.sh <entities> <padding> <calls> <operation>...
# Each operation runs twice under callgrind, with 0 and with <calls> measured calls after the same setup and warm-up;
# the difference of the main thread's counts divided by <calls> is one call (other threads — the tiered compiler, the
# GC — are counted apart and left out). Build first: dotnet build tests/Prom.Benchmarks -c Release.
# Valgrind emulates AVX2 but not AVX-512, so the JIT emits AVX2 code here (Vector512 paths are not taken).
set -euo pipefail
entities=$1 padding=$2 calls=$3
shift 3
dll="$(dirname "$0")/../bin/Release/net10.0/Prom.Benchmarks.dll"
# Tiered compilation stays on (the warm-up reaches tier 1; see DorakuInstructionCount); no PGO instrumentation tier,
# so both runs compile the same code; no W^X double mapping (valgrind cannot follow it).
export DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0 DOTNET_EnableWriteXorExecute=0
count() {
  local out
  out=$(mktemp -d)
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$out/cg" dotnet "$dll" count "$1" "$entities" "$padding" "$2" >/dev/null 2>&1
  sed -n 's/^summary: \([0-9]*\)/\1/p' "$out/cg-01"
  rm -rf "$out"
}
for operation in "$@"; do
  base=$(count "$operation" 0)
  measured=$(count "$operation" "$calls")
  per_call=$(( (measured - base) / calls ))
  echo "$operation entities=$entities padding=$padding: $per_call instructions per call ($(( per_call / entities )).$(( (per_call % entities) * 100 / entities )) per entity)"
done
