#!/usr/bin/env bash
# A bad release costs users nothing (issue 14), on the example shop through Backstop's proxy, a real
# daemon, proxy and app processes, SQLite: at 50 GETs a second on /orders, per run a release failing
# every page (the shop's v3) and one failing 3 requests of 10. Prints the user GETs that failed (goal 0:
# the warm previous release answers what the new one fails), the time from the switch to the verdict's
# decision and to the flip back (goal < 1 s), and the decision's sentence. Then false rollbacks of
# healthy releases whose old and new versions both fail 1 request in 50 (goal 0).
# Usage: bench/replay/run.sh [RUNS=3] [BURSTY_DEPLOYS=20]. About 25 s a run and 6 s a deploy.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
DEPLOYS=${2:-20}
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP=target/test-classes:target/classes:$(cat target/bench.classpath)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" dev.backstop.verify.VerdictBench replay "$RUNS" 2>&1 | grep RESULT
java -cp "$CP" dev.backstop.verify.VerdictBench false-rollbacks-bursty "$DEPLOYS" 2>&1 | grep RESULT
