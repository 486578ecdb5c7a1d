#!/usr/bin/env bash
# Measures what the foundation promises about cost, on this machine:
#   - server (Payara Micro + tether.war + H2): launch -> API answering, RSS after boot and after load
#   - agent: launch -> proxy listening -> policy ENFORCING, RSS idle and after load
#   - decision latency through the proxy: N blocked requests (new TLS connection each, detector
#     scan, durable audit fsync, provider-shaped 403), no network needed
# Usage: deploy/bench/startup-and-memory.sh [requests]   (default 200). Uses ports 18480/18481
# and a throw-away directory; builds first unless TETHER_SKIP_BUILD=1.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
requests="${1:-200}"
work="$(mktemp -d)"
server_port=18480; proxy_port=18481
server_url="http://127.0.0.1:$server_port/tether"
agent_jar="$repo/endpoint-agent/target/tether-agent.jar"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[[ "${TETHER_SKIP_BUILD:-0}" == "1" ]] || (cd "$repo" && mvn -B -q -DskipTests package)
now_ms() { date +%s%3N; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

t0=$(now_ms)
java -Dtether.data.dir="$work/data" -jar "$repo/console-war/target/payara-micro.jar" \
  --deploy "$repo/console-war/target/tether.war" --rootdir "$work/payara" --port "$server_port" \
  --nocluster >"$work/server.log" 2>&1 &
server_pid=$!; pids+=("$server_pid")
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$server_url/api/v1/agent/bundle")" == 401 ]]; do
  kill -0 "$server_pid" || { tail -40 "$work/server.log"; exit 1; }; sleep 0.2
done
server_ready=$(( $(now_ms) - t0 )); server_rss_boot=$(rss_mb "$server_pid")

token="$(cat "$work/data/admin-token")"
api() { curl -sf -X "$1" "$server_url$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+--data-binary "$3"}; }
api POST /api/v1/admin/tenants '{"id":"bench","name":"Bench"}' >/dev/null
api POST /api/v1/admin/tenants/bench/groups '{"id":"dev","name":"Dev"}' >/dev/null
api PUT /api/v1/admin/tenants/bench/groups/dev/policy/draft "@$repo/deploy/quickstart/default-policy.json" >/dev/null
api POST /api/v1/admin/tenants/bench/groups/dev/policy/publish >/dev/null
enroll_token="$(api POST /api/v1/admin/tenants/bench/groups/dev/enrollment-tokens '{}' | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
java -jar "$agent_jar" enroll --server "$server_url" --token "$enroll_token" --state-dir "$work/agent" >/dev/null

t0=$(now_ms)
java -jar "$agent_jar" run --state-dir "$work/agent" --listen "127.0.0.1:$proxy_port" >"$work/agent.log" 2>&1 &
agent_pid=$!; pids+=("$agent_pid")
until (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null; do sleep 0.05; done
agent_listening=$(( $(now_ms) - t0 ))
until java -jar "$agent_jar" status --state-dir "$work/agent" | grep -q ENFORCING; do sleep 0.1; done
agent_enforcing=$(( $(now_ms) - t0 )); sleep 2; agent_rss_idle=$(rss_mb "$agent_pid")

body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"why does AKIAQ3EGT5ZRWJ7LUN4F fail?"}]}'
: >"$work/latency"
for _ in $(seq 1 "$requests"); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -x "http://127.0.0.1:$proxy_port" \
    --cacert "$work/agent/ca.pem" https://api.openai.com/v1/chat/completions \
    -H 'Content-Type: application/json' -d "$body" >>"$work/latency"
done
bad=$(awk '$1 != 403' "$work/latency" | wc -l)
[[ "$bad" == 0 ]] || { echo "expected every request blocked with 403; $bad were not"; exit 1; }
read -r p50 p90 p99 < <(awk '{print $2*1000}' "$work/latency" | sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)]}')
agent_rss_load=$(rss_mb "$agent_pid"); server_rss_load=$(rss_mb "$server_pid")

cat <<TXT
server  launch -> API answering       ${server_ready} ms
server  RSS after boot / after load   ${server_rss_boot} MB / ${server_rss_load} MB
agent   launch -> proxy listening     ${agent_listening} ms
agent   launch -> policy ENFORCING    ${agent_enforcing} ms
agent   RSS idle / after ${requests} requests   ${agent_rss_idle} MB / ${agent_rss_load} MB
blocked request via proxy (new TLS connection, scan, audit fsync, 403), ${requests} runs:
        p50 ${p50} ms   p90 ${p90} ms   p99 ${p99} ms
TXT
