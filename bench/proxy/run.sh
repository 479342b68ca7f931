#!/usr/bin/env bash
# Throughput and latency on loopback, side by side in one run, with the same wrk settings:
#   (a) the upstream directly, (b) nginx as a reverse proxy, (c) Backstop's proxy (ProxyMain).
# The upstream is nginx serving a static 1 KiB file (one worker). Backstop's JVM gets a warm-up
# run first (the JIT needs it; nginx does not). Usage: bench/proxy/run.sh [DURATION] [CONNECTIONS]
set -euo pipefail

DURATION=${1:-10s}
CONNECTIONS=${2:-64}
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
UPSTREAM_PORT=$(free_port); NGINX_PORT=$(free_port); BACKSTOP_PORT=$(free_port)

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
java -Xms256m -Xmx256m -XX:+UseParallelGC -cp "target/classes:$(cat "$WORK/classpath")" \
  dev.backstop.proxy.ProxyMain "127.0.0.1:$BACKSTOP_PORT" "$WORK/state" > "$WORK/backstop.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do ls "$WORK"/state/proxy-*.json >/dev/null 2>&1 && break; sleep 0.1; done
CONTROL_PORT=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$WORK/state/proxy-*.json')[0]))['controlPort'])")
curl -fsS -X PUT -H "Authorization: Bearer $(cat "$WORK/state/control.token")" \
  -d "{\"releaseId\":\"bench\",\"upstreams\":[{\"host\":\"127.0.0.1\",\"port\":$UPSTREAM_PORT}]}" \
  "http://127.0.0.1:$CONTROL_PORT/routes/active" >/dev/null

run() { # label port -> "label req/s p99_ms"
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/index.html")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s; ", $0}' <<<"$out")
  echo "$1 $rps $p99 ${errors:-}"
}

echo "warming up Backstop's proxy..." >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "http://127.0.0.1:$BACKSTOP_PORT/index.html" >/dev/null

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, 1 KiB static file, $(nproc) cores"
RESULTS=$(run upstream "$UPSTREAM_PORT"; run nginx "$NGINX_PORT"; run backstop "$BACKSTOP_PORT")
awk 'BEGIN {printf "%-10s %12s %10s\n", "target", "req/s", "p99 ms"}
     {printf "%-10s %12.0f %10.2f\n", $1, $2, $3; rps[$1]=$2; p99[$1]=$3; if (NF>3) print "  errors:", $0}
     END {printf "backstop/nginx throughput: %.2fx (goal >= 0.90x)\n", rps["backstop"]/rps["nginx"];
          printf "backstop p99 - nginx p99: %+.2f ms (goal <= +1 ms)\n", p99["backstop"]-p99["nginx"]}' <<<"$RESULTS"
