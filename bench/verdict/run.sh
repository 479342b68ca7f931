#!/usr/bin/env bash
# The verdict's two numbers (issue 5), on the example shop through Backstop's proxy:
#   time to restore with default settings (window 60s, interval 5s; 20 requests/s on /orders), and
#   false rollbacks out of N healthy deploys under traffic cycling 0/3/20/80 requests/s (2s window).
# Usage: bench/verdict/run.sh [RESTORE_RUNS=3] [HEALTHY_DEPLOYS=20]. Takes about 90 s per restore run
# (the good release is verified again for the full 60 s window after each rollback) and ~5 s per deploy.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
DEPLOYS=${2:-20}
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP=target/test-classes:target/classes:$(cat target/bench.classpath)
java -cp "$CP" dev.backstop.verify.VerdictBench restore "$RUNS" 2>&1 | grep RESULT
java -cp "$CP" dev.backstop.verify.VerdictBench false-rollbacks "$DEPLOYS" 2>&1 | grep RESULT
