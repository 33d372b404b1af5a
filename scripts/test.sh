#!/usr/bin/env bash
# Runs every test project of the solution and ends with the line "N passed, N failed" summed over all of them.
# Exits non-zero on a build error, a failed test, or a test run that aborted.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || { echo "install-deps failed"; echo "0 passed, 1 failed"; exit 1; }

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! dotnet build Prom.Generators.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time (-m:1): the bus and bridge suites use real processes, leases and timeouts, and on a
# 2-core CI machine they deserve the CPU rather than sharing it with four other test hosts.
dotnet test Prom.Generators.sln -c Release --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee "$results/console.log" \
  | grep -E '^\s*(Failed|Passed!|Failed!|Error Message|Total tests|Starting test|A total of)|\[FAIL\]' || true
status=${PIPESTATUS[0]}

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failed test in its results: counting the aborted run as a failure"
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test ran"
  failed=1
fi

# The filtered stream above shows which tests failed but not why: print each failure's message and the top of its
# stack (capped, so a run with many failures stays readable) before the summary line.
if [ "$failed" -ne 0 ]; then
  echo "---- failure details (from $results/console.log) ----"
  grep -E -A25 '^\s*Failed [^!]' "$results/console.log" | head -n 400 || true
  echo "---- end of failure details ----"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
