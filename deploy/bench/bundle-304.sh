#!/usr/bin/env bash
# Throughput of the policy distribution endpoint's 304 path on a running server, next to a static
# file served (also as 304) by the same Payara Micro instance.
#   - GET /api/v1/agent/bundle with the device's bearer credential and a matching If-None-Match:
#     device lookup by credential hash, ETag from memory, no signing, no bundle query
#   - GET /bench-static/etag.txt (a second, static-only WAR) with its matching If-None-Match:
#     the default servlet's 304, no application code
# Load: wrk (Debian package "wrk"), THREADS threads, CONNS connections, DURATION each, after a
# warm-up of the same length. Besides requests/s it prints the server's CPU time per request
# (utime+stime of the Payara process over the measured run / requests), which depends far less on
# what else the machine is running than requests/s does.
# Usage: deploy/bench/bundle-304.sh [duration=20s] [conns=32]
# Uses port 18490 and a throw-away directory; builds the WAR first unless TETHER_SKIP_BUILD=1.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${1:-20s}"; conns="${2:-32}"; threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 2; }
work="$(mktemp -d)"; port=18490; base="http://127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[[ "${TETHER_SKIP_BUILD:-0}" == "1" ]] || (cd "$repo" && mvn -B -q -DskipTests package -pl console-war -am)
mkdir -p "$work/static"; printf 'tether\n' >"$work/static/etag.txt"
(cd "$work/static" && jar cf "$work/bench-static.war" etag.txt)

java -Xmx512m -Dtether.data.dir="$work/data" -jar "$repo/console-war/target/payara-micro.jar" \
  --deploy "$repo/console-war/target/tether.war" --deploy "$work/bench-static.war" \
  --rootdir "$work/payara" --port "$port" --nocluster >"$work/server.log" 2>&1 &
server_pid=$!; pids+=("$server_pid")
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/tether/api/v1/agent/bundle")" == 401 ]]; do
  kill -0 "$server_pid" || { tail -40 "$work/server.log"; exit 1; }; sleep 0.3
done

token="$(cat "$work/data/admin-token")"
api() { curl -sf -X "$1" "$base/tether$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+--data-binary "$3"}; }
api POST /api/v1/admin/tenants '{"id":"bench","name":"Bench"}' >/dev/null
api POST /api/v1/admin/tenants/bench/groups '{"id":"dev","name":"Dev"}' >/dev/null
api PUT /api/v1/admin/tenants/bench/groups/dev/policy/draft "@$repo/deploy/quickstart/default-policy.json" >/dev/null
api POST /api/v1/admin/tenants/bench/groups/dev/policy/publish >/dev/null
enroll_token="$(api POST /api/v1/admin/tenants/bench/groups/dev/enrollment-tokens '{}' | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
device_key="$(head -c 32 /dev/urandom | base64)"
credential="$(curl -sf "$base/tether/api/v1/agent/enroll" -H 'Content-Type: application/json' \
  --data-binary "{\"token\":\"$enroll_token\",\"devicePublicKey\":\"$device_key\",\"hostname\":\"bench\",\"osUser\":\"bench\",\"agentVersion\":\"bench\"}" \
  | sed -n 's/.*"deviceCredential" *: *"\([^"]*\)".*/\1/p')"
etag_of() { curl -s -D - -o /dev/null "$@" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p'; }
bundle_etag="$(etag_of -H "Authorization: Bearer $credential" "$base/tether/api/v1/agent/bundle")"
static_etag="$(etag_of "$base/bench-static/etag.txt")"
check() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[[ "$(check -H "Authorization: Bearer $credential" -H "If-None-Match: $bundle_etag" "$base/tether/api/v1/agent/bundle")" == 304 ]]
[[ "$(check -H "If-None-Match: $static_etag" "$base/bench-static/etag.txt")" == 304 ]]

run() { # name, then curl-style header args and URL
  local name="$1"; shift
  wrk -t"$threads" -c"$conns" -d"$duration" "$@" >/dev/null           # warm-up (JIT, pools)
  local c0; c0="$(awk '{print $14+$15}' "/proc/$server_pid/stat")"
  local out; out="$(wrk -t"$threads" -c"$conns" -d"$duration" --latency "$@")"
  local c1; c1="$(awk '{print $14+$15}' "/proc/$server_pid/stat")"
  local n; n="$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")"
  local cpu_us; cpu_us=$(( (c1 - c0) * 1000000 / $(getconf CLK_TCK) / n ))
  local rps; rps="$(sed -n 's/^Requests\/sec: *//p' <<<"$out")"
  local p50; p50="$(awk '$1=="50%"{print $2}' <<<"$out")"; local p99; p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  local non2xx; non2xx="$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' <<<"$out")"
  printf '%-16s %10s req/s  p50 %-8s p99 %-8s server CPU %6s us/req  non-2xx/3xx %s\n' \
    "$name" "$rps" "$p50" "$p99" "$cpu_us" "${non2xx:-0}" >&2
  echo "$rps"
}
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$threads -c$conns -d$duration" >&2
bundle_rps="$(run bundle-304 -H "Authorization: Bearer $credential" -H "If-None-Match: $bundle_etag" "$base/tether/api/v1/agent/bundle")"
static_rps="$(run static-304 -H "If-None-Match: $static_etag" "$base/bench-static/etag.txt")"
awk -v b="$bundle_rps" -v s="$static_rps" 'BEGIN { printf "bundle 304 / static 304 = %.2f\n", b / s }'
