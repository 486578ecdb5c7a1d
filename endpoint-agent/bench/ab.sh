#!/usr/bin/env bash
# A/B in one run: the agent of another build ("base"), this build ("new"), this build with other
# options ("newjdk": JDK TLS unless NEWJDK_OPTS says otherwise) and mitmproxy, each in its own JVM,
# same upstream, same client, interleaved throughput rounds. Not a test.
#
# Usage: endpoint-agent/bench/ab.sh BASE_TREE [ROUNDS=3] [CONNECTIONS=16] [SECONDS=10] [N_LATENCY=1000]
#   BASE_TREE: a checkout of the other commit with `mvn -pl endpoint-agent test-compile` done
#   (git worktree add /tmp/base <commit>). MAVEN_REPO, SPOOL_BASE (default /dev/shm/ab-bench),
#   TARGETS (default "base new newjdk mitm"), NEWJDK_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=$(pwd)
BASE_TREE=$(cd "$1" && pwd); shift
R=${1:-3}; CONNS=${2:-16}; SECS=${3:-10}; LN=${4:-1000}
REPO=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
WORK=$(mktemp -d /tmp/tether-ab.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf ${SPOOL_BASE:-/dev/shm/ab-bench}-*' EXIT
cp_for() { # tree label -> classpath
  local T=$1
  (cd $T && mvn -o -q $REPO -pl endpoint-agent dependency:build-classpath -Dmdep.outputFile="$WORK/cp-$2.txt" >/dev/null)
  local CP="$T/endpoint-agent/target/classes:$T/endpoint-agent/target/test-classes:$(cat "$WORK/cp-$2.txt")"
  mkdir -p "$WORK/classes-$2"
  javac -nowarn -d "$WORK/classes-$2" -cp "$CP" $T/endpoint-agent/src/bench/java/dev/tether/agent/bench/proxy/*.java
  echo "$WORK/classes-$2:$CP"
}
NEW=$(cp_for "$HERE" new); BASE=$(cp_for "$BASE_TREE" base)
UP=18643
java -cp "$NEW" dev.tether.agent.bench.proxy.BenchUpstream "$WORK" $UP > "$WORK/upstream.log" 2>&1 &
for _ in $(seq 100); do [ -s "$WORK/upstream-ca.pem" ] && grep -q ready "$WORK/upstream.log" && break; sleep 0.1; done
declare -A PORT=([base]=18621 [new]=18622 [newjdk]=18623)
declare -A PIDS
start_agent() { # name cp opts
  mkdir -p $WORK/$1
  cp $WORK/upstream-ca.pem $WORK/$1/
  TETHER_BENCH_SPOOL=${SPOOL_BASE:-/dev/shm/ab-bench}-$1 java -Xmx512m $3 -cp "$2" dev.tether.agent.bench.proxy.BenchAgent "$WORK/$1" ${PORT[$1]} > "$WORK/$1.log" 2>&1 &
  PIDS[$1]=$!
}
start_agent base "$BASE" ""
start_agent new "$NEW" ""
start_agent newjdk "$NEW" "${NEWJDK_OPTS:--Dtether.tls.provider=jdk}"
for a in base new newjdk; do for _ in $(seq 300); do grep -q "agent ready" "$WORK/$a.log" 2>/dev/null && break; sleep 0.1; done; done
MITM=18629
mitmdump -q --listen-host 127.0.0.1 --listen-port $MITM --set confdir="$WORK/mitm" \
    --set ssl_verify_upstream_trusted_ca="$WORK/upstream-ca.pem" --set stream_large_bodies=1 > "$WORK/mitm.log" 2>&1 &
for _ in $(seq 200); do [ -s "$WORK/mitm/mitmproxy-ca-cert.pem" ] && break; sleep 0.1; done; sleep 1
client() { java -cp "$NEW" dev.tether.agent.bench.proxy.BenchClient "$@"; }
ca() { case $1 in mitm) echo "$WORK/mitm/mitmproxy-ca-cert.pem";; *) echo "$WORK/$1/device-ca.pem";; esac; }
addr() { case $1 in mitm) echo 127.0.0.1:$MITM;; *) echo 127.0.0.1:${PORT[$1]};; esac; }
TARGETS=${TARGETS:-base new newjdk mitm}
echo "== $(date -u +%T) $(uptime | sed 's/.*load/load/')"
for t in $TARGETS; do echo -n "latency $t: "; client latency $(addr $t) $UP "$(ca $t)" $LN 500; done
echo -n "latency direct: "; client latency direct $UP "$WORK/upstream-ca.pem" $LN 500
for r in $(seq $R); do
  echo "== round $r $(date -u +%T) $(uptime | sed 's/.*load/load/')"
  echo -n "direct: "; client throughput direct $UP "$WORK/upstream-ca.pem" "$CONNS" "$SECS"
  for t in $TARGETS; do echo -n "$t: "; client throughput $(addr $t) $UP "$(ca $t)" "$CONNS" "$SECS"; done
done
for a in base new newjdk; do [ -e /proc/${PIDS[$a]} ] && echo "$a: $(grep -E 'VmRSS|VmHWM' /proc/${PIDS[$a]}/status | tr -s ' ' | tr '\n' ' ')"; done
echo "== end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
