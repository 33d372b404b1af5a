#!/usr/bin/env bash
# Issue 12 "Performance": the gateway (ready server, SQLite) against NATS JetStream, publish → deliver → ack over
# loopback with 10 consumers in one group. Installs Debian's nats-server when missing — for this benchmark only; CI does
# not need it. Prints the load and the instruction set first, as docs/benchmarks.md records them. About 3–5 minutes.
# Usage: bash tests/Prom.Benchmarks/Gateway/run-gateway-vs-jetstream.sh [artifacts folder]
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ ! -x /usr/sbin/nats-server ] && ! command -v nats-server >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nats-server >/dev/null
fi
dotnet build tests/Prom.Benchmarks -c Release -nologo -clp:ErrorsOnly
echo "load: $(uptime)"
echo "instruction sets: $(grep -o -w -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
dotnet run -c Release --no-build --project tests/Prom.Benchmarks -- \
  --filter '*GatewayVsJetStream*' --artifacts "${1:-/tmp/prom-bench-gateway}"
