#!/usr/bin/env bash
# The daemon's CPU while idle (issue 12; goal: under 1% of one core), side by side in one run:
#   baseline   the same app with no queues (the reference: what an idle daemon costs anyway), and
#   watched    10 queues sampled every 30s (the default): 4 delayed_job tables in SQLite, 2 in MariaDB,
#              2 in PostgreSQL when they answer (SQLite otherwise), 2 Sidekiq namespaces in Redis if it answers.
# CPU = utime + stime of the daemon's java process from /proc/<pid>/stat, over MEASURE seconds after
# WARMUP seconds. Usage: bench/watch-idle/run.sh [MEASURE=60] [WARMUP=20]
# Heartbeats: once 'heartbeats:' is supported, set HEARTBEATS=100 to add that many checks to the watched
# config (heartbeat_yaml below writes them); until then it must stay 0 (the key is refused).
set -euo pipefail
cd "$(dirname "$0")/../.."
MEASURE=${1:-60}
WARMUP=${2:-20}
HEARTBEATS=${HEARTBEATS:-0}
work=$(mktemp -d /tmp/backstop-watch-idle.XXXXXX)
suffix=$$
daemon=
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
  mysql -uroot -h127.0.0.1 test -e "DROP TABLE IF EXISTS bench_dj_${suffix}_1, bench_dj_${suffix}_2" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres test -qc "DROP TABLE IF EXISTS bench_dj_${suffix}_1, bench_dj_${suffix}_2" 2>/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "bench-${suffix}-*" 2>/dev/null | xargs -r redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f target/backstop.jar ] || mvn -q -B -DskipTests -Dspotless.check.skip=true package
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ddl="(id INTEGER PRIMARY KEY, run_at TIMESTAMP, locked_at TIMESTAMP, failed_at TIMESTAMP, handler TEXT)"

queue_yaml() {
  local i
  for i in 1 2 3 4; do
    sqlite3 "$work/jobs$i.sqlite3" "CREATE TABLE delayed_jobs $ddl; INSERT INTO delayed_jobs (run_at) VALUES (datetime('now'))"
    echo "  - { name: sqlite-$i, jdbc: \"jdbc:sqlite:$work/jobs$i.sqlite3\", preset: delayed_job, max_depth: 1000 }"
  done
  for i in 1 2; do
    if mysql -uroot -h127.0.0.1 test -e "CREATE TABLE bench_dj_${suffix}_$i $ddl" 2>/dev/null; then
      echo "  - { name: mariadb-$i, jdbc: \"jdbc:mariadb://127.0.0.1:3306/test?user=root\", preset: delayed_job, table: bench_dj_${suffix}_$i, max_depth: 1000 }"
    else
      sqlite3 "$work/more-m$i.sqlite3" "CREATE TABLE delayed_jobs $ddl"
      echo "  - { name: mariadb-$i, jdbc: \"jdbc:sqlite:$work/more-m$i.sqlite3\", preset: delayed_job }"
    fi
    if psql -h 127.0.0.1 -U postgres test -qc "CREATE TABLE bench_dj_${suffix}_$i $ddl" 2>/dev/null; then
      echo "  - { name: postgresql-$i, jdbc: \"jdbc:postgresql://127.0.0.1:5432/test?user=postgres\", preset: delayed_job, table: bench_dj_${suffix}_$i, max_depth: 1000 }"
    else
      sqlite3 "$work/more-p$i.sqlite3" "CREATE TABLE delayed_jobs $ddl"
      echo "  - { name: postgresql-$i, jdbc: \"jdbc:sqlite:$work/more-p$i.sqlite3\", preset: delayed_job }"
    fi
    if redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
      redis-cli -h 127.0.0.1 sadd "bench-$suffix-$i:queues" default >/dev/null
      redis-cli -h 127.0.0.1 lpush "bench-$suffix-$i:queue:default" '{"class":"X","enqueued_at":1700000000000}' >/dev/null
      echo "  - { name: sidekiq-$i, redis: \"redis://127.0.0.1:6379/0\", namespace: bench-$suffix-$i, max_depth: 1000 }"
    else
      sqlite3 "$work/more-r$i.sqlite3" "CREATE TABLE delayed_jobs $ddl"
      echo "  - { name: sidekiq-$i, jdbc: \"jdbc:sqlite:$work/more-r$i.sqlite3\", preset: delayed_job }"
    fi
  done
}

heartbeat_yaml() {
  local i
  [ "$HEARTBEATS" -gt 0 ] || return 0
  echo "heartbeats:"
  for i in $(seq "$HEARTBEATS"); do echo "  - { name: check-$i, every: 1m, grace: 1m }"; done
}

write_config() { # NAME QUEUES(yes|no)
  local dir="$work/$1"
  mkdir -p "$dir"
  {
    echo "app: idle$1"
    echo "root: $dir/root"
    echo "admin: 127.0.0.1:$(free_port)"
    echo "switch: restart"
    echo "restart: { command: \"true\" }"
    echo "services: { web: { command: \"bin/web\", port: $(free_port) } }"
    if [ "$2" = yes ]; then echo "queues:"; queue_yaml; heartbeat_yaml; fi
  } > "$dir/backstop.yml"
  echo "$dir/backstop.yml"
}

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # CONFIG -> percent of one core
  bin/backstop server --config "$1" > "${1%.yml}.log" 2>&1 &
  daemon=$!
  sleep "$WARMUP"
  kill -0 "$daemon" || { echo "the daemon died; see ${1%.yml}.log" >&2; exit 1; }
  local before after hz
  hz=$(getconf CLK_TCK)
  before=$(ticks "$daemon")
  sleep "$MEASURE"
  after=$(ticks "$daemon")
  kill "$daemon"; wait "$daemon" 2>/dev/null || true
  daemon=
  awk -v t=$((after - before)) -v hz="$hz" -v s="$MEASURE" 'BEGIN { printf "%.3f", 100 * t / hz / s }'
}

baseline=$(measure "$(write_config base no)")
watched_config=$(write_config watched yes)
queues=$(grep -c 'jdbc:\|redis:' "$watched_config" || true)
watched=$(measure "$watched_config")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RESULT idle daemon, no queues (reference): ${baseline}% of one core over ${MEASURE}s"
echo "RESULT idle daemon, ${queues} queues every 30s: ${watched}% of one core over ${MEASURE}s (goal < 1%)"
