#!/usr/bin/env bash
# Slow request bodies against an app with few workers, side by side in one run:
#   backstop-before: Backstop's proxy with request_buffer: 0 and min_body_rate: 0 (how it was)
#   backstop-after:  Backstop's proxy with the defaults (64KiB buffer, 1KB/s over 10s)
#   nginx:           nginx as a reverse proxy, client_body_buffer_size 64k, client_body_timeout 10s
# The app (upstream.py) is like gunicorn's sync workers: WORKERS threads, each reads a whole
# request before it answers, so a body sent slowly holds one. SLOW clients POST 1000-byte bodies at
# 10 bytes/s over and over; meanwhile wrk sends GETs. Reported per target: the app's connections
# held by the slow clients alone (after 5 s of them, before wrk starts) and mid-run with wrk (from
# ss), healthy req/s and p99, wrk's errors, and how the slow clients' bodies ended. Baseline rows first: backstop-after and nginx without slow clients.
# Usage: [WORKERS=8] [SLOW=32] bench/slow-body/run.sh [DURATION] [CONNECTIONS]
set -euo pipefail

DURATION=${1:-10s}
CONNECTIONS=${2:-16}
WORKERS=${WORKERS:-8}
SLOW=${SLOW:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/backstop-slow-body.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get update -qq && apt-get install -y -qq wrk nginx >/dev/null
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

UPSTREAM_PORT=$(free_port)
python3 "$HERE/upstream.py" "$UPSTREAM_PORT" "$WORKERS" & PIDS+=($!)

NGINX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp-body; proxy_temp_path $WORK/tmp-proxy;
  fastcgi_temp_path $WORK/tmp-fcgi; uwsgi_temp_path $WORK/tmp-uwsgi; scgi_temp_path $WORK/tmp-scgi;
  client_body_buffer_size 64k; client_body_timeout 10s;
  server { listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://127.0.0.1:$UPSTREAM_PORT; proxy_http_version 1.1; } }
}
CONF
nginx -c "$WORK/nginx.conf"

cd "$REPO"
mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >/dev/null
declare -A PORTS
start_backstop() { # name proxy-section
  local port; port=$(free_port); mkdir -p "$WORK/$1/data/proxy"
  cat > "$WORK/$1/backstop.yml" <<YML
app: bench
root: $WORK/$1/root
data: $WORK/$1/data
listen: 127.0.0.1:$port
services:
  web:
    command: "true"
proxy: $2
YML
  java -XX:+UseSerialGC -Xss512k -cp "target/classes:$(cat "$WORK/classpath")" \
    dev.backstop.cli.Main proxy --config "$WORK/$1/backstop.yml" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  local state="$WORK/$1/data/proxy"
  for _ in $(seq 1 150); do ls "$state"/proxy-*.json >/dev/null 2>&1 && break; sleep 0.1; done
  local control; control=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$state/proxy-*.json')[0]))['controlPort'])")
  curl -fsS -X PUT -H "Authorization: Bearer $(cat "$state/control.token")" \
    -d "{\"releaseId\":\"bench\",\"upstreams\":[{\"host\":\"127.0.0.1\",\"port\":$UPSTREAM_PORT}]}" \
    "http://127.0.0.1:$control/routes/active" >/dev/null
  PORTS[$1]=$port
  wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$port/" >/dev/null   # the JIT's warm-up
}
start_backstop backstop-before "{ request_buffer: 0, min_body_rate: 0 }"
start_backstop backstop-after "{ }"
PORTS[nginx]=$NGINX_PORT

# the app's connections open from a proxy, and which program holds them: "32" or "32 (nginx:16 java:16)"
held() {
  local owners; owners=$(ss -Htnp state established "( dport = :$UPSTREAM_PORT )" | grep -o '(("[^"]*"' | tr -d '("' | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')
  echo "$(ss -Htn state established "( dport = :$UPSTREAM_PORT )" | wc -l)${owners:+ (${owners% })}"
}

run() { # label port slow-clients
  local slow_pid="" out held_alone held_mid outcomes=""
  if [ "$3" -gt 0 ]; then
    python3 "$HERE/slow_clients.py" "$2" "$3" > "$WORK/slow.out" & slow_pid=$!
    sleep 5
  fi
  held_alone=$(held)
  (sleep "$(( ${DURATION%s} / 2 ))"; held > "$WORK/held") &
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "http://127.0.0.1:$2/")
  held_mid=$(cat "$WORK/held")
  if [ -n "$slow_pid" ]; then kill "$slow_pid"; wait "$slow_pid" 2>/dev/null || true; outcomes=$(cat "$WORK/slow.out"); fi
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  printf "%-16s %5s %18s %18s %8.0f %10.2f  %s%s\n" "$1" "$3" "$held_alone" "$held_mid" "$rps" "$p99" "${errors:-}" "${outcomes:+slow clients: $outcomes}"
}

echo "app: $WORKERS workers (whole request per worker); wrk -t2 -c$CONNECTIONS -d$DURATION GET; slow clients: 1000-byte bodies at 10 B/s; $(nproc) cores"
printf "%-16s %5s %18s %18s %8s %10s  %s\n" target slow "held:slow" "held:both" "req/s" "p99 ms" "errors"
run backstop-after "${PORTS[backstop-after]}" 0
run nginx "${PORTS[nginx]}" 0
# backstop-before goes last: when its slow clients leave, connections it was still opening go to its
# idle pool (60 s), and each of those holds one of the app's workers, which would starve the next target
for target in nginx backstop-after backstop-before; do
  run "$target" "${PORTS[$target]}" "$SLOW"
  sleep 2   # let the slow clients' connections go
done
