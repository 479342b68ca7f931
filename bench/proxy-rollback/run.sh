#!/usr/bin/env bash
# Rollback in proxy mode under load: the example shop under a daemon in one JVM (ProxyRollbackBench),
# 4 client threads through Backstop's proxy all along. Each run deploys v1, then v3 (500 on every
# page: its verdict rolls it back), then v4 and rolls it back with 'backstop rollback' during its
# verify window (the warm standby). Prints, per rollback, the time from the decision to the first
# response of v1 and the failed requests; then medians. Usage: bench/proxy-rollback/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
WORK=$(mktemp -d /tmp/backstop-rollback-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

mvn -q -B -DskipTests package
java -Xmx512m -cp target/backstop.jar:target/test-classes dev.backstop.cli.ProxyRollbackBench "$RUNS" "$WORK/results" \
  > "$WORK/log" 2>&1 || { tail -50 "$WORK/log"; exit 1; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$WORK/results"
