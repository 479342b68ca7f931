#!/usr/bin/env bash
# Heartbeat pings per second on the admin listener with the SQLite store (goal: 5,000/s, p99 < 10 ms),
# beside the same listener's /healthz, which stores nothing. wrk (Debian: apt-get install wrk) sends
# GET /ping/<key>/bench-N over 10 checks; every ping is answered only once it is stored.
# Usage: bench/heartbeats/run.sh [SECONDS=20] [CONNECTIONS=32] (runs shorter than ~20 s measure the JIT warming up)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-32}
mvn -q -B -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dspotless.check.skip=true -Denforcer.skip=true
CP=target/test-classes:target/classes:$(cat target/bench.classpath)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" dev.backstop.watch.heartbeat.PingBench "$SECONDS_PER_RUN" "$CONNECTIONS" 2>&1 | grep RESULT
