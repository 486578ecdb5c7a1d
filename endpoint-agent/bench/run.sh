#!/usr/bin/env bash
# Proxy benchmark: Tether's proxy vs a direct connection vs mitmproxy, same client, same upstream,
# same 4 KB JSON chat prompt, in one run. See endpoint-agent/src/bench/README.md.
#
# Usage: endpoint-agent/bench/run.sh [N_LATENCY] [CONNECTIONS] [SECONDS]
# Needs: a build of the agent with test classes (mvn -pl endpoint-agent -am test-compile -DskipTests
# or any `mvn verify`), mitmproxy (apt-get install -y mitmproxy) for the reference numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3000}
CONNS=${2:-16}
SECS=${3:-15}
REPO=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
WORK=$(mktemp -d /tmp/tether-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT

mvn -o -q $REPO -pl endpoint-agent dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="endpoint-agent/target/classes:endpoint-agent/target/test-classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" endpoint-agent/src/bench/java/dev/tether/agent/bench/proxy/*.java
CP="$WORK/classes:$CP"

UP=18443; AGENT=18128; MITM=18129
java -cp "$CP" dev.tether.agent.bench.proxy.BenchUpstream "$WORK" $UP > "$WORK/upstream.log" 2>&1 &
for _ in $(seq 100); do [ -s "$WORK/upstream-ca.pem" ] && grep -q ready "$WORK/upstream.log" && break; sleep 0.1; done
java -Xmx512m ${AGENT_JAVA_OPTS:-} -cp "$CP" dev.tether.agent.bench.proxy.BenchAgent "$WORK" $AGENT ${JUDGE:-} > "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
for _ in $(seq 200); do grep -q "agent ready" "$WORK/agent.log" 2>/dev/null && break; sleep 0.1; done

HAVE_MITM=0
if command -v mitmdump >/dev/null; then
  HAVE_MITM=1
  mitmdump -q --listen-host 127.0.0.1 --listen-port $MITM --set confdir="$WORK/mitm" \
    --set ssl_verify_upstream_trusted_ca="$WORK/upstream-ca.pem" \
    --set stream_large_bodies=1 > "$WORK/mitm.log" 2>&1 &
  for _ in $(seq 200); do [ -s "$WORK/mitm/mitmproxy-ca-cert.pem" ] && break; sleep 0.1; done
  sleep 1
fi

client() { java -cp "$CP" dev.tether.agent.bench.proxy.BenchClient "$@"; }
echo "== machine: $(nproc) cores, $(uname -r), java $(java -version 2>&1 | head -1)"
echo "== latency, one keep-alive connection, 4 KB prompt ($N requests after warm-up)"
echo -n "direct:    "; client latency direct $UP "$WORK/upstream-ca.pem" "$N" 2000
echo -n "tether:    "; client latency 127.0.0.1:$AGENT $UP "$WORK/device-ca.pem" "$N" 3000
[ $HAVE_MITM = 1 ] && { echo -n "mitmproxy: "; client latency 127.0.0.1:$MITM $UP "$WORK/mitm/mitmproxy-ca-cert.pem" "$((N / 3))" 300; }
echo "== time to first byte of a streamed (SSE) response"
echo -n "direct:    "; client ttfb direct $UP "$WORK/upstream-ca.pem" 300 100
echo -n "tether:    "; client ttfb 127.0.0.1:$AGENT $UP "$WORK/device-ca.pem" 300 100
[ $HAVE_MITM = 1 ] && { echo -n "mitmproxy: "; client ttfb 127.0.0.1:$MITM $UP "$WORK/mitm/mitmproxy-ca-cert.pem" 300 100; }
echo "== throughput, $CONNS keep-alive connections, ${SECS}s"
echo -n "direct:    "; client throughput direct $UP "$WORK/upstream-ca.pem" "$CONNS" "$SECS"
echo -n "tether:    "; client throughput 127.0.0.1:$AGENT $UP "$WORK/device-ca.pem" "$CONNS" "$SECS"
grep -E "VmRSS|VmHWM" /proc/$AGENT_PID/status | tr -s ' ' | sed 's/^/tether agent after load: /'
[ $HAVE_MITM = 1 ] && { echo -n "mitmproxy: "; client throughput 127.0.0.1:$MITM $UP "$WORK/mitm/mitmproxy-ca-cert.pem" "$CONNS" "$SECS"; }
echo "== client handshake through the proxy (CONNECT + TLS), leaf certificate cache"
echo -n "tether cold: "; client handshake 127.0.0.1:$AGENT $UP "$WORK/device-ca.pem" 200 cold
echo -n "tether warm: "; client handshake 127.0.0.1:$AGENT $UP "$WORK/device-ca.pem" 200 warm
if [ $HAVE_MITM = 1 ]; then
  echo -n "mitm cold:   "; client handshake 127.0.0.1:$MITM $UP "$WORK/mitm/mitmproxy-ca-cert.pem" 100 cold
  echo -n "mitm warm:   "; client handshake 127.0.0.1:$MITM $UP "$WORK/mitm/mitmproxy-ca-cert.pem" 100 warm
fi
grep -E "VmRSS|VmHWM" /proc/$AGENT_PID/status | tr -s ' ' | sed 's/^/tether agent at end: /'
echo "== work dir: $WORK"
