#!/usr/bin/env bash
# Stops the topology started by up.sh: HAProxy first (no new requests), then the Payara Micro
# instances (SIGTERM, Payara shuts down cleanly), Kafka (controlled shutdown), PostgreSQL
# (pg_ctl stop -m fast). Each stop waits at most TETHER_STOP_TIMEOUT seconds (default 60), then
# kills. Data (database, Kafka log, shared data directory with keys) is kept for the next up.sh;
# remove the home directory (and the PostgreSQL directory it names) to start from scratch.
#
# Usage: deploy/production/down.sh [--home DIR]
# Exit status 0 only when no process of the topology is left.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${TETHER_PROD_HOME:-$repo/var/production}"
while (($#)); do
  case "$1" in
    --home) home="${2:?--home needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
run="$home/run"
timeout="${TETHER_STOP_TIMEOUT:-60}"
say() { printf '\033[1m[tether-prod]\033[0m %s\n' "$*"; }

[[ -d "$run" ]] || { say "nothing to stop in $home"; exit 0; }

# Stops the process in pid file $1: SIGTERM, wait up to $timeout s, then SIGKILL.
stop_pid_file() {
  local f="$1" name pid deadline
  [[ -f "$f" ]] || return 0
  name="$(basename "$f" .pid)"
  pid="$(cat "$f" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (pid $pid) ..."
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$(($(date +%s) + timeout))
    while kill -0 "$pid" 2>/dev/null && (($(date +%s) < deadline)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop in $timeout s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -f "$f"
}

stop_pid_file "$run/haproxy.pid"
# Instances in parallel: each takes a few seconds to undeploy.
for f in "$run"/instance-*.pid; do
  [[ -e "$f" ]] && stop_pid_file "$f" &
done
wait
stop_pid_file "$run/kafka.pid"

if [[ -f "$run/postgresql.pid" ]]; then
  pg_dir="$(cat "$home/postgresql.location")"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  as_pg=()
  [[ "$(id -u)" == 0 ]] && as_pg=(runuser -u postgres --)
  pid="$(cat "$run/postgresql.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping PostgreSQL (pid $pid) ..."
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t "$timeout" stop >/dev/null ||
      { say "pg_ctl stop failed: killing the postmaster"; kill -KILL "$pid" 2>/dev/null || true; }
    # pg_ctl returns once postmaster.pid is gone; the process itself exits a moment later.
    deadline=$(($(date +%s) + timeout))
    while kill -0 "$pid" 2>/dev/null && (($(date +%s) < deadline)); do sleep 0.2; done
  fi
  kill -0 "$pid" 2>/dev/null || rm -f "$run/postgresql.pid"
fi

left=0
for f in "$run"/*.pid; do
  [[ -e "$f" ]] || continue
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null && { say "still running: $(basename "$f" .pid) (pid $pid)"; left=1; }
done
((left == 0)) || exit 1
say "stopped; data kept in $home"
