#!/usr/bin/env bash
# Fleet simulator: N simulated agents (enroll, heartbeat, policy poll with ETags, approvals, chained
# audit uploads) against a Tether server on loopback; prints the report and writes a JSON summary.
# See endpoint-agent/bench/FLEET-RESULTS.md for what it measures and the results.
#
# Usage:
#   endpoint-agent/bench/fleet.sh [simulator options]
#       starts the embedded default itself (Payara Micro + H2, throw-away directory, port
#       FLEET_PORT=18600) and stops it afterwards
#   endpoint-agent/bench/fleet.sh --server http://127.0.0.1:8080/tether --admin-token-file FILE [...]
#       against a running server (e.g. deploy/production/up.sh: the load balancer's URL and
#       var/production/data/admin-token)
# Simulator options (defaults in brackets):
#   --agents 500,1000,2000 [100]  agent counts, one measured step each (agents are only added)
#   --ramp 60s [30s]              enrollment of a step's new agents, spread evenly
#   --measure 120s [60s]          measured window per step (after the ramp and one heartbeat)
#   --heartbeat 60s  --poll 30s  --approvals 30s  --upload 5s   the agent's intervals (jittered)
#   --events-per-hour 60          audit records per agent per hour (1..3 per decision)
#   --workers 256                 request threads; --http-clients 0 (0: one per agent, like agents)
#   --max-requests 5000000  --json FILE  --tenant NAME  --policy FILE  --seed 1
# Environment: MAVEN_REPO (another local repository), FLEET_JAVA_OPTS (simulator JVM, default
#   -Xmx1g -Xss256k), FLEET_SERVER_HEAP (embedded server heap, 768m), FLEET_SKIP_BUILD=1,
#   FLEET_PSQL (a psql command line for the server's database, e.g.
#   "psql -h 127.0.0.1 -p 5433 -U postgres -d tether": database and table sizes before and after).
# Every run is bounded (at most 100,000 agents, 5,000,000 requests, 2 hours) and refuses any
# server address that is not loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
work=$(mktemp -d /tmp/tether-fleet.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

if [[ "${FLEET_SKIP_BUILD:-0}" != 1 ||
  ! -f endpoint-agent/target/test-classes/dev/tether/agent/fleet/FleetSimulator.class ]]; then
  echo "== building (mvn -q -DskipTests install -pl endpoint-agent -am) ..."
  mvn -B -q $REPO -DskipTests install -pl endpoint-agent -am
fi
mvn -o -q $REPO -pl endpoint-agent dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.excludeTypes=war -Dmdep.outputFile="$work/cp.txt" >/dev/null
CP="endpoint-agent/target/classes:endpoint-agent/target/test-classes:$(cat "$work/cp.txt")"

args=("$@")
if ! printf '%s\n' "$@" | grep -qx -- '--server'; then
  port="${FLEET_PORT:-18600}"
  base="http://127.0.0.1:$port/tether"
  echo "== embedded default: Payara Micro + H2 on $base (log $work/server.log)"
  java "-Xmx${FLEET_SERVER_HEAP:-768m}" -Dtether.data.dir="$work/data" \
    -jar console-war/target/payara-micro.jar --deploy console-war/target/tether.war \
    --rootdir "$work/payara" --port "$port" --nocluster >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/agent/bundle" || true)" == 401 ]] && break
    kill -0 "$server_pid" 2>/dev/null || { tail -40 "$work/server.log"; exit 1; }
    sleep 0.5
  done
  args=(--server "$base" --admin-token-file "$work/data/admin-token" "${args[@]}")
fi

db_sizes() {
  [[ -n "${FLEET_PSQL:-}" ]] || return 0
  echo "== database ($1): $($FLEET_PSQL -Atc 'SELECT pg_database_size(current_database())') bytes"
  $FLEET_PSQL -Atc "SELECT relname, n_live_tup, pg_total_relation_size(relid), pg_relation_size(relid),
      pg_indexes_size(relid) FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 8" |
    awk -F'|' '{printf "   %-28s rows %10s  total %12s B  heap %12s B  indexes %12s B\n", $1, $2, $3, $4, $5}'
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)"
db_sizes before
java ${FLEET_JAVA_OPTS:--Xmx1g -Xss256k} -cp "$CP" dev.tether.agent.fleet.FleetSimulator "${args[@]}"
db_sizes after
echo "== at end: $(uptime)"
