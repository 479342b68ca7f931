#!/usr/bin/env bash
# What the verdict's 100 ms polls of the proxy cost during a bake window: a proxy (ProxyMain) with two
# releases' counts (a route flipped once, 2,000 requests each), then N control reads of GET /metrics over
# one kept-alive connection, as the daemon does. Prints the mean time per read and the proxy's CPU per
# read (from /proc/PID/stat), and so its CPU share at 10 reads a second.
# Usage: bench/replay/poll-cost.sh [READS=1000]
set -euo pipefail
READS=${1:-1000}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/backstop-poll.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cd "$REPO"
[ -f target/bench.classpath ] || mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
UPSTREAM=$(free_port); PORT=$(free_port)
mkdir -p "$WORK/www" "$WORK/state"; echo ok > "$WORK/www/index.html"
(cd "$WORK/www" && exec python3 -m http.server "$UPSTREAM" --bind 127.0.0.1 >/dev/null 2>&1) & PIDS+=($!)
java -XX:+UseSerialGC -Xss512k -cp "target/classes:$(cat target/bench.classpath)" \
  dev.backstop.proxy.ProxyMain "127.0.0.1:$PORT" "$WORK/state" > "$WORK/proxy.log" 2>&1 & PROXY=$!; PIDS+=($PROXY)
for _ in $(seq 1 100); do ls "$WORK/state"/proxy-*.json >/dev/null 2>&1 && break; sleep 0.1; done
CONTROL=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$WORK/state/proxy-*.json')[0]))['controlPort'])")
AUTH="Authorization: Bearer $(cat "$WORK/state/control.token")"
route() { curl -fsS -X PUT -H "$AUTH" -d "{\"releaseId\":\"$1\",\"upstreams\":[{\"host\":\"127.0.0.1\",\"port\":$UPSTREAM}]}" \
  "http://127.0.0.1:$CONTROL/routes/$2" >/dev/null; }
route old active; for _ in $(seq 1 20); do curl -s -o /dev/null "http://127.0.0.1:$PORT/?[1-100]"; done
route new active; route old standby; for _ in $(seq 1 20); do curl -s -o /dev/null "http://127.0.0.1:$PORT/?[1-100]"; done
cpu() { awk '{print $14 + $15}' "/proc/$PROXY/stat"; }
for _ in 1 2 3; do curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$CONTROL/metrics?[1-200]"; done   # warm-up
BYTES=$(curl -s -H "$AUTH" "http://127.0.0.1:$CONTROL/metrics" | wc -c)
BEFORE=$(cpu); START=$(date +%s%N)
curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$CONTROL/metrics?[1-$READS]"
END=$(date +%s%N); AFTER=$(cpu)
TICKS=$(getconf CLK_TCK)
awk -v n="$READS" -v ns=$((END - START)) -v cpu=$((AFTER - BEFORE)) -v hz="$TICKS" -v bytes="$BYTES" 'BEGIN {
  ms = ns / 1e6 / n; cpums = cpu * 1000 / hz / n
  printf "GET /metrics (%d bytes, 2 releases): %.2f ms per read, proxy CPU %.2f ms per read: %.1f%% of one core at 10 reads/s\n", bytes, ms, cpums, cpums * 10 / 10 }'
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
