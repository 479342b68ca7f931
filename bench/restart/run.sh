#!/usr/bin/env bash
# Restart-mode bench on the example shop behind a real nginx (nginx-light must be installed):
#   (a) `backstop rollback` from command start to the first 200 from the old release, through nginx;
#   (b) the app's own cold restart: the restart script alone (stop, start current/bin/web) to the first 200;
#   (c) `backstop deploy` of a good release to "live and verified", minus the 3 s verify window
#       (preflight + switch + readiness), in restart mode and in proxy mode.
# RUNS (default 5) of each; prints medians, min, max and the ratio (a)/(b) as a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
WORK=$(mktemp -d /tmp/backstop-restart-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath" >/dev/null
CP=target/classes:target/test-classes:$(cat "$WORK/classpath")

java -cp "$CP" dev.backstop.cli.RestartBench "$WORK" "$RUNS" 2>"$WORK/bench.err" | tee "$WORK/results" \
  || { tail -n 40 "$WORK/bench.err"; exit 1; }

stats() { awk -v what="$1" '$1 == what { print $2 }' "$WORK/results" | sort -g \
  | awk '{ a[NR] = $1 } END { printf "%.2f %.2f %.2f", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
row() { read -r median min max <<<"$(stats "$1")"; printf '| %s | %s | %s | %s |\n' "$2" "$median" "$min" "$max"; }

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg); $(nginx -v 2>&1); $RUNS runs each"
echo
echo "| what (seconds) | median | min | max |"
echo "|---|---:|---:|---:|"
row rollback "(a) restart mode: \`backstop rollback\` to first 200 from the old release via nginx"
row cold-restart "(b) the app's own cold restart (restart script alone) to first 200 via nginx"
row deploy-restart "(c) restart mode: \`backstop deploy\` to live, minus the 3 s verify window"
row deploy-proxy "(c) proxy mode: \`backstop deploy\` to live, minus the 3 s verify window"
a=$(stats rollback | cut -d' ' -f1); b=$(stats cold-restart | cut -d' ' -f1)
echo
echo "ratio (a)/(b), medians: $(awk "BEGIN { printf \"%.2f\", $a / $b }")x"
