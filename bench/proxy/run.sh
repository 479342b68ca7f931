#!/usr/bin/env bash
# Throughput and latency on loopback, side by side in one run, with the same wrk settings:
#   (a) the upstream directly, (b) nginx as a reverse proxy, (c) Backstop's proxy (ProxyMain).
# The upstream is nginx serving a static 1 KiB file (one worker). Backstop's proxy runs with the
# JVM options `backstop proxy` gets from the daemon (ProxyLauncher) and a warm-up run first (the
# JIT needs it; nginx does not). The three targets take turns ROUNDS times; the ratio is the
# median of the rounds' ratios. TRANSPORTS="auto epoll nio" adds a Backstop proxy per socket layer.
# BASELINE_CLASSES=DIR adds the proxy compiled from another tree (see below), side by side.
# Usage: [ROUNDS=3] [TRANSPORTS=auto] [BASELINE_CLASSES=DIR] bench/proxy/run.sh [DURATION] [CONNECTIONS]
set -euo pipefail

DURATION=${1:-10s}
CONNECTIONS=${2:-64}
ROUNDS=${ROUNDS:-3}
TRANSPORTS=${TRANSPORTS:-auto}
THREADS=2
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/backstop-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/upstream.pid" ] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
  [ -f "$WORK/nginx-proxy.pid" ] && kill "$(cat "$WORK/nginx-proxy.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get update -qq && apt-get install -y -qq wrk nginx >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UPSTREAM_PORT=$(free_port); NGINX_PORT=$(free_port)

mkdir -p "$WORK/www" "$WORK/state"
chmod 755 "$WORK" "$WORK/www"   # nginx workers run as an unprivileged user
head -c 1024 /dev/zero | tr '\0' 'x' > "$WORK/www/index.html"

nginx_conf() { # name workers server-block
  cat > "$WORK/$1.conf" <<CONF
worker_processes $2;
pid $WORK/$1.pid;
error_log $WORK/$1.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp-$1; proxy_temp_path $WORK/tmp-$1-proxy;
  fastcgi_temp_path $WORK/tmp-$1-fcgi; uwsgi_temp_path $WORK/tmp-$1-uwsgi; scgi_temp_path $WORK/tmp-$1-scgi;
  keepalive_requests 1000000;
  $3
}
CONF
  nginx -c "$WORK/$1.conf"
}

nginx_conf upstream 1 "server { listen 127.0.0.1:$UPSTREAM_PORT; root $WORK/www; }"
nginx_conf nginx-proxy auto "
  upstream app { server 127.0.0.1:$UPSTREAM_PORT; keepalive 128; }
  server { listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Request-Id \$request_id; } }"

cd "$REPO"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >/dev/null
declare -A BACKSTOP_PORTS
start_proxy() { # target classes transport
  local port state control
  port=$(free_port); state="$WORK/state-$1"; mkdir -p "$state"
  java -XX:+UseSerialGC -Xss512k -Dbackstop.proxy.transport="$3" \
    -cp "$2:$(cat "$WORK/classpath")" \
    dev.backstop.proxy.ProxyMain "127.0.0.1:$port" "$state" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do ls "$state"/proxy-*.json >/dev/null 2>&1 && break; sleep 0.1; done
  control=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$state/proxy-*.json')[0]))['controlPort'])")
  curl -fsS -X PUT -H "Authorization: Bearer $(cat "$state/control.token")" \
    -d "{\"releaseId\":\"bench\",\"upstreams\":[{\"host\":\"127.0.0.1\",\"port\":$UPSTREAM_PORT}]}" \
    "http://127.0.0.1:$control/routes/active" >/dev/null
  BACKSTOP_PORTS[$1]=$port
  echo "$1: $(grep -o '([a-z_]*), control' "$WORK/$1.log" | tr -d '(),' | cut -d' ' -f1) on port $port" >&2
}
# BASELINE_CLASSES=/path/to/other/target/classes adds the same proxy built from another tree (say,
# main before a change) per transport, measured in the same rounds: "backstop-before-<transport>".
TARGETS=()
for transport in $TRANSPORTS; do
  start_proxy "backstop-$transport" target/classes "$transport"; TARGETS+=("backstop-$transport")
  if [ -n "${BASELINE_CLASSES:-}" ]; then
    start_proxy "backstop-before-$transport" "$BASELINE_CLASSES" "$transport"; TARGETS+=("backstop-before-$transport")
  fi
done

run() { # label port -> "label req/s p99_ms"
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/index.html")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s; ", $0}' <<<"$out")
  echo "$1 $rps $p99 ${errors:-}"
}

for target in "${TARGETS[@]}"; do
  echo "warming up $target..." >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "http://127.0.0.1:${BACKSTOP_PORTS[$target]}/index.html" >/dev/null
done

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, 1 KiB static file, $(nproc) cores, $ROUNDS rounds"
RESULTS=$(for round in $(seq 1 "$ROUNDS"); do
  run "$round:upstream" "$UPSTREAM_PORT"; run "$round:nginx" "$NGINX_PORT"
  for target in "${TARGETS[@]}"; do run "$round:$target" "${BACKSTOP_PORTS[$target]}"; done
done)
awk 'function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     BEGIN {printf "%-6s %-18s %12s %10s\n", "round", "target", "req/s", "p99 ms"}
     { split($1, key, ":"); round = key[1]; target = key[2]
       printf "%-6s %-18s %12.0f %10.2f\n", round, target, $2, $3; if (NF > 3) print "  errors:", $0
       rps[round, target] = $2; p99[round, target] = $3; rounds[round] = 1; if (target ~ /^backstop/) backstops[target] = 1 }
     END { for (b in backstops) { n = 0
             for (r in rounds) { n++; ratio[n] = rps[r, b] / rps[r, "nginx"]; delta[n] = p99[r, b] - p99[r, "nginx"] }
             printf "%s/nginx throughput: %.2fx median of %d rounds (goal >= 0.90x)\n", b, median(ratio, n), n
             n = 0; for (r in rounds) { n++; delta[n] = p99[r, b] - p99[r, "nginx"] }
             printf "%s p99 - nginx p99: %+.2f ms median (goal <= +1 ms)\n", b, median(delta, n) }
           for (b in backstops) { before = b; sub(/^backstop-/, "backstop-before-", before)
             if (b ~ /before/ || !(before in backstops)) continue
             n = 0; for (r in rounds) { n++; ratio[n] = rps[r, b] / rps[r, before]; delta[n] = p99[r, b] - p99[r, before] }
             printf "%s/%s throughput: %.3fx median", b, before, median(ratio, n)
             n = 0; for (r in rounds) { n++; delta[n] = p99[r, b] - p99[r, before] }
             printf ", p99 %+.2f ms median\n", median(delta, n) } }' <<<"$RESULTS"
