#!/usr/bin/env bash
# Brings the production topology up on ONE machine, as processes, for evaluation:
#   PostgreSQL (initdb/pg_ctl into a private directory, own port, scram-sha-256 for the app role),
#   a single-node Kafka KRaft broker (from the Maven artifacts, no download beyond Maven Central),
#   N Payara Micro instances running console-war/target/tether.war on their own ports, sharing the
#   database and the data directory that holds the signing keys,
#   HAProxy in front of them with active health checks on each instance's /health/ready.
# Prints the URLs, where the logs are, and how to stop (deploy/production/down.sh).
#
# Usage: deploy/production/up.sh [--instances N] [--home DIR] [--kafka-ingest] [--no-kafka]
# Settings (environment, all optional):
#   TETHER_PROD_HOME (default <repo>/var/production), TETHER_LB_PORT (8080),
#   TETHER_INSTANCE_PORTS (comma list; default 8181,8182,...), TETHER_PG_PORT (5433),
#   TETHER_KAFKA_PORT (9092), TETHER_KAFKA_CONTROLLER_PORT (9093), TETHER_INSTANCE_HEAP (512m),
#   TETHER_START_TIMEOUT (seconds per wait, 300), TETHER_OTEL_ENDPOINT (passed to every instance),
#   TETHER_SKIP_BUILD=1 (fail instead of building missing artefacts).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
instances=2
home="${TETHER_PROD_HOME:-$repo/var/production}"
kafka=1
kafka_ingest=false
while (($#)); do
  case "$1" in
    --instances) instances="${2:?--instances needs a number}"; shift 2 ;;
    --home) home="${2:?--home needs a directory}"; shift 2 ;;
    --kafka-ingest) kafka_ingest=true; shift ;;
    --no-kafka) kafka=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$instances" =~ ^[1-9][0-9]?$ ]] || { echo "--instances: expected 1..99, got \"$instances\"" >&2; exit 2; }
[[ "$kafka_ingest" == true && "$kafka" == 0 ]] && { echo "--kafka-ingest needs Kafka (drop --no-kafka)" >&2; exit 2; }

lb_port="${TETHER_LB_PORT:-8080}"
pg_port="${TETHER_PG_PORT:-5433}"
kafka_port="${TETHER_KAFKA_PORT:-9092}"
kafka_controller_port="${TETHER_KAFKA_CONTROLLER_PORT:-9093}"
heap="${TETHER_INSTANCE_HEAP:-512m}"
timeout="${TETHER_START_TIMEOUT:-300}"
if [[ -n "${TETHER_INSTANCE_PORTS:-}" ]]; then
  IFS=, read -r -a ports <<<"$TETHER_INSTANCE_PORTS"
  ((${#ports[@]} >= instances)) || { echo "TETHER_INSTANCE_PORTS has ${#ports[@]} ports, need $instances" >&2; exit 2; }
else
  ports=(); for ((i = 1; i <= instances; i++)); do ports+=($((8180 + i))); done
fi

home="$(mkdir -p "$home" && cd "$home" && pwd)"
run="$home/run"
logs="$home/logs"
t0=$(date +%s)

say() { printf '\033[1m[tether-prod]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[tether-prod] %s\033[0m\n' "$*" >&2; exit 1; }

# --- refuse to start over a running topology -----------------------------------------------------
if compgen -G "$run/*.pid" >/dev/null; then
  for f in "$run"/*.pid; do
    pid="$(cat "$f" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      die "a topology is already running from $home ($(basename "$f" .pid), pid $pid); stop it with $here/down.sh --home $home"
    fi
  done
  rm -f "$run"/*.pid
fi

# --- prerequisites -------------------------------------------------------------------------------
for tool in java curl haproxy runuser; do
  command -v "$tool" >/dev/null || die "$tool is required (Debian: apt-get install openjdk-17-jdk-headless curl haproxy postgresql)"
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || die "PostgreSQL not found (Debian: apt-get install postgresql)"

war="$repo/console-war/target/tether.war"
micro="$repo/console-war/target/payara-micro.jar"
jdbc="$here/target/lib/postgresql.jar"
kafka_lib="$here/target/kafka-lib"
if [[ ! -f "$war" || ! -f "$micro" || ! -f "$jdbc" || ! -d "$kafka_lib" ]]; then
  [[ "${TETHER_SKIP_BUILD:-0}" == 1 ]] && die "missing build output (tether.war, payara-micro.jar, $jdbc, $kafka_lib); run: mvn -B -DskipTests package -pl deploy/production -am"
  say "building (mvn -B -q -DskipTests package -pl deploy/production -am) ..."
  (cd "$repo" && mvn -B -q -DskipTests package -pl deploy/production -am)
fi

mkdir -p "$run" "$logs" "$home/secrets" "$home/data"
chmod 700 "$home/secrets" "$home/data"

# Waits until "$2" (a command) succeeds, at most $timeout seconds; $1 names what we wait for, $3 is
# a pid that must stay alive, $4 its log.
wait_for() {
  local what="$1" check="$2" pid="$3" log="$4" deadline=$(($(date +%s) + timeout))
  until eval "$check" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$what exited while starting; see $log"
    (($(date +%s) < deadline)) || die "$what not ready after $timeout s; see $log (stop the rest with $here/down.sh --home $home)"
    sleep 1
  done
}

# --- PostgreSQL ----------------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user and lives in a
# directory that user can reach (under /tmp when $home is not traversable, e.g. below /root).
as_pg=()
pg_dir="$home/postgresql"
if [[ "$(id -u)" == 0 ]]; then
  as_pg=(runuser -u postgres --)
  if [[ -f "$home/postgresql.location" && -d "$(cat "$home/postgresql.location")" ]]; then
    pg_dir="$(cat "$home/postgresql.location")"
  elif ! runuser -u postgres -- test -x "$home"; then
    pg_dir="$(mktemp -d /tmp/tether-prod-pg.XXXXXX)"
  fi
  mkdir -p "$pg_dir"
  chown postgres "$pg_dir"
  chmod 700 "$pg_dir"
fi
echo "$pg_dir" >"$home/postgresql.location"
db_password_file="$home/secrets/db-password"
if [[ ! -s "$db_password_file" ]]; then
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$db_password_file")
fi
db_password="$(cat "$db_password_file")"
psql_su() { "${as_pg[@]}" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U tether_admin "$@"; }

if [[ ! -f "$pg_dir/data/PG_VERSION" ]]; then
  say "initialising PostgreSQL in $pg_dir/data ..."
  # Superuser only over the Unix socket in the private directory; TCP needs scram-sha-256.
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U tether_admin --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --no-locale >"$logs/initdb.log" 2>&1 ||
    die "initdb failed; see $logs/initdb.log"
fi
say "starting PostgreSQL on 127.0.0.1:$pg_port (log: $logs/postgresql.log) ..."
touch "$logs/postgresql.log"
[[ -z "${as_pg[*]}" ]] || chown postgres "$logs/postgresql.log"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$logs/postgresql.log" -w -t "$timeout" \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null ||
  die "PostgreSQL did not start; see $logs/postgresql.log"
head -1 "$pg_dir/data/postmaster.pid" >"$run/postgresql.pid"
# The password goes to psql on stdin, never on a command line (visible in ps).
if [[ "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='tether_app'")" != 1 ]]; then
  printf "CREATE ROLE tether_app LOGIN PASSWORD '%s';\n" "$db_password" | psql_su -d postgres
  psql_su -d postgres -c "CREATE DATABASE tether OWNER tether_app"
else
  printf "ALTER ROLE tether_app PASSWORD '%s';\n" "$db_password" | psql_su -d postgres >/dev/null
fi
unset db_password

# --- Kafka ---------------------------------------------------------------------------------------
bootstrap=""
if ((kafka)); then
  kdir="$home/kafka"
  mkdir -p "$kdir"
  sed -e "s#@KAFKA_PORT@#$kafka_port#g" -e "s#@KAFKA_CONTROLLER_PORT@#$kafka_controller_port#g" \
    -e "s#@KAFKA_DATA@#$kdir/data#g" "$here/conf/kafka-server.properties.template" >"$kdir/server.properties"
  kjava=(java -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=info
    -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$kafka_lib/*")
  if [[ ! -f "$kdir/data/meta.properties" ]]; then
    cluster_id="$("${kjava[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    "${kjava[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$kdir/server.properties" \
      >"$logs/kafka-format.log" 2>&1 || die "Kafka storage format failed; see $logs/kafka-format.log"
  fi
  say "starting Kafka (KRaft, single node) on 127.0.0.1:$kafka_port (log: $logs/kafka.log) ..."
  setsid "${kjava[@]}" kafka.Kafka "$kdir/server.properties" >"$logs/kafka.log" 2>&1 </dev/null &
  echo $! >"$run/kafka.pid"
  bootstrap="127.0.0.1:$kafka_port"
fi

# --- Payara Micro instances ----------------------------------------------------------------------
start_instance() {
  local i="$1" port="${ports[$(($1 - 1))]}" idir="$home/instance-$1"
  # Payara's root directory holds nothing of value (state is in PostgreSQL and the data directory):
  # start from a fresh one so the configuration is exactly the rendered post-boot commands.
  rm -rf "$idir/payara"
  mkdir -p "$idir/payara"
  chmod 700 "$idir"
  sed -e "s#@DB_HOST@#127.0.0.1#g" -e "s#@DB_PORT@#$pg_port#g" -e "s#@DB_NAME@#tether#g" \
    -e "s#@DB_USER@#tether_app#g" -e "s#@DB_POOL_MAX@#32#g" \
    "$here/conf/postgresql.asadmin.template" >"$idir/post-boot.asadmin"
  {
    echo "tether.data.dir=$home/data"
    [[ -z "$bootstrap" ]] || echo "tether.audit.kafka.bootstrap-servers=$bootstrap"
    [[ -z "$bootstrap" ]] || echo "tether.audit.kafka.ingest=$kafka_ingest"
    [[ -z "${TETHER_OTEL_ENDPOINT:-}" ]] || echo "tether.otel.endpoint=$TETHER_OTEL_ENDPOINT"
    echo "tether.instance.id=instance-$i"
  } >"$idir/tether.properties"
  say "starting instance-$i on 127.0.0.1:$port (log: $logs/instance-$i.log) ..."
  # fish.payara.substitution.disable: the post-boot file's ${ENV=TETHER_DB_PASSWORD} stays a reference
  # in Payara's configuration (resolved when a connection opens) instead of being expanded into
  # domain.xml and echoed to the log with the command.
  TETHER_DB_PASSWORD="$(cat "$db_password_file")" setsid java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError \
    -Dfish.payara.substitution.disable=true \
    -jar "$micro" --deploy "$war" --rootdir "$idir/payara" --port "$port" --nocluster \
    --name "instance-$i" --addlibs "$jdbc" --postbootcommandfile "$idir/post-boot.asadmin" \
    --systemproperties "$idir/tether.properties" >"$logs/instance-$i.log" 2>&1 </dev/null &
  echo $! >"$run/instance-$i.pid"
}
ready() { [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" == 200 ]]; }
# Ready, or fail at once when Payara came up without the application (deployment failed).
instance_ready() {
  local i="$1" port="$2"
  ready "$port" && return 0
  if grep -q 'Exception while \(preparing\|loading\|deploying\) the app' "$logs/instance-$i.log"; then
    kill -TERM "$(cat "$run/instance-$i.pid")" 2>/dev/null || true
    die "instance-$i failed to deploy tether.war; see $logs/instance-$i.log"
  fi
  return 1
}

# The first instance starts alone: it creates the schema, the admin token and the audit-log
# checkpoint key in the shared data directory; the others then start in parallel and find them.
start_instance 1
if ((kafka)); then
  wait_for Kafka "(exec 3<>/dev/tcp/127.0.0.1/$kafka_port) 2>/dev/null && grep -q 'BrokerServer id=1. Transition from STARTING to STARTED' '$logs/kafka.log'" \
    "$(cat "$run/kafka.pid")" "$logs/kafka.log"
fi
wait_for instance-1 "instance_ready 1 ${ports[0]}" "$(cat "$run/instance-1.pid")" "$logs/instance-1.log"
for ((i = 2; i <= instances; i++)); do start_instance "$i"; done
for ((i = 2; i <= instances; i++)); do
  wait_for "instance-$i" "instance_ready $i ${ports[$((i - 1))]}" "$(cat "$run/instance-$i.pid")" "$logs/instance-$i.log"
done

# --- HAProxy -------------------------------------------------------------------------------------
servers=""
for ((i = 1; i <= instances; i++)); do
  servers+="    server instance-$i 127.0.0.1:${ports[$((i - 1))]} check"$'\n'
done
awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' \
  "$here/conf/haproxy.cfg.template" |
  sed -e "s#@RUN_DIR@#$run#g" -e "s#@LB_BIND@#127.0.0.1#g" -e "s#@LB_PORT@#$lb_port#g" >"$home/haproxy.cfg"
haproxy -c -q -f "$home/haproxy.cfg" || die "haproxy rejected $home/haproxy.cfg"
say "starting HAProxy on 127.0.0.1:$lb_port (log: $logs/haproxy.log) ..."
setsid haproxy -db -f "$home/haproxy.cfg" >"$logs/haproxy.log" 2>&1 </dev/null &
echo $! >"$run/haproxy.pid"
wait_for HAProxy "ready $lb_port" "$(cat "$run/haproxy.pid")" "$logs/haproxy.log"

elapsed=$(($(date +%s) - t0))
echo "$elapsed" >"$run/start-seconds"
instance_urls=""
for ((i = 1; i <= instances; i++)); do
  instance_urls+="  instance-$i:        http://127.0.0.1:${ports[$((i - 1))]}/tether   (health /health, metrics /metrics, log $logs/instance-$i.log)"$'\n'
done
cat <<TXT

Tether production topology is up ($instances instance(s), ${elapsed}s).
  Load balancer:     http://127.0.0.1:$lb_port/tether   (agents and admins use this URL)
$instance_urls  PostgreSQL:        127.0.0.1:$pg_port database tether, role tether_app (password file $db_password_file)
                     data $pg_dir/data, log $logs/postgresql.log
  Kafka:             ${bootstrap:-off}${bootstrap:+ (topics tether.audit.ocsf, ingest via Kafka: $kafka_ingest; log $logs/kafka.log)}
  Shared data dir:   $home/data   (admin-token, tenant keys, audit-log key: see deploy/production/BACKUP-AND-KEYS.md)
  Admin API token:   $home/data/admin-token
  Logs:              $logs
Stop everything:     $here/down.sh --home $home
TXT
