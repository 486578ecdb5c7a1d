#!/usr/bin/env bash
# Runs Tether on this machine with embedded defaults:
#   - builds everything (Maven, tests skipped: `mvn -B verify` runs them),
#   - starts the server on Payara Micro with H2 (data kept in var/server across restarts),
#   - creates the "default" tenant and group and publishes deploy/quickstart/default-policy.json,
#   - enrolls a local agent (state in var/agent) and runs its explicit HTTPS proxy,
#   - prints what to try next. Ctrl-C stops both processes.
# Settings (environment): TETHER_HOME (default ./var), TETHER_SERVER_PORT (8080),
# TETHER_PROXY_PORT (3128), TETHER_SKIP_BUILD=1 to reuse existing build output.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
home="${TETHER_HOME:-$repo/var}"
server_port="${TETHER_SERVER_PORT:-8080}"
proxy_port="${TETHER_PROXY_PORT:-3128}"
server_url="http://127.0.0.1:${server_port}/tether"
agent_jar="$repo/endpoint-agent/target/tether-agent.jar"
server_war="$repo/console-war/target/tether.war"
micro_jar="$repo/console-war/target/payara-micro.jar"

say() { printf '\033[1m[tether]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[tether] %s\033[0m\n' "$*" >&2; exit 1; }

for tool in java mvn curl; do
  command -v "$tool" >/dev/null || die "$tool is required (Debian: apt-get install openjdk-17-jdk maven curl)"
done

if [[ "${TETHER_SKIP_BUILD:-0}" != "1" ]]; then
  say "building (mvn -B -q -DskipTests package) ..."
  (cd "$repo" && mvn -B -q -DskipTests package)
fi
for f in "$agent_jar" "$server_war" "$micro_jar"; do
  [[ -f "$f" ]] || die "missing build output $f"
done

mkdir -p "$home/server/data" "$home/server/payara" "$home/agent"
chmod 700 "$home/server/data" "$home/agent"

pids=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping ..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say "starting the server on port $server_port (log: $home/server/server.log) ..."
java -Xmx768m -Dtether.data.dir="$home/server/data" -jar "$micro_jar" \
  --deploy "$server_war" --rootdir "$home/server/payara" --port "$server_port" --nocluster \
  >"$home/server/server.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$server_url/api/v1/agent/bundle" || true)
  [[ "$code" == "401" ]] && break
  kill -0 "${pids[0]}" 2>/dev/null || die "server exited; see $home/server/server.log"
  sleep 1
done
[[ "$code" == "401" ]] || die "server not up after 240 s; see $home/server/server.log"
admin_token="$(cat "$home/server/data/admin-token")"

# Calls the admin API; prints the body; fails unless the status is one of the accepted ones.
admin() {
  local method="$1" path="$2" accept="$3" body="${4:-}"
  local out code
  out="$(mktemp)"
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$server_url$path" \
    -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    ${body:+--data-binary "$body"})
  [[ " $accept " == *" $code "* ]] || { cat "$out" >&2; rm -f "$out"; die "$method $path answered $code"; }
  cat "$out"; rm -f "$out"
}

# First console login: a super-admin account created with the bootstrap token; its generated
# password is written owner-only next to the admin token and never printed or logged.
console_pw_file="$home/server/data/console-admin-password"
if [[ ! -s "$console_pw_file" ]]; then
  created="$(admin POST /api/v1/admin/users "201 409" \
    '{"username":"admin","roles":[{"role":"SUPER_ADMIN","tenant":"*"}]}')"
  if [[ "$created" != *'"initialPassword"'* ]]; then
    created="$(admin POST /api/v1/admin/users/admin/password-reset 200)"
  fi
  console_pw="$(printf '%s' "$created" | sed -n 's/.*"initialPassword" *: *"\([^"]*\)".*/\1/p')"
  [[ -n "$console_pw" ]] || die "no initial console password in the answer"
  (umask 077 && printf '%s\n' "$console_pw" >"$console_pw_file")
  unset console_pw created
  say "created console user admin (password in $console_pw_file)"
fi

admin POST /api/v1/admin/tenants "201 409" '{"id":"default","name":"Default tenant"}' >/dev/null
admin POST /api/v1/admin/tenants/default/groups "201 409" '{"id":"default","name":"Default group"}' >/dev/null
versions="$(admin GET /api/v1/admin/tenants/default/groups/default/policy/versions 200)"
if [[ "$versions" != *'"version"'* ]]; then
  admin PUT /api/v1/admin/tenants/default/groups/default/policy/draft 200 \
    "@$repo/deploy/quickstart/default-policy.json" >/dev/null
  admin POST /api/v1/admin/tenants/default/groups/default/policy/publish 201 >/dev/null
  say "published the default policy (deploy/quickstart/default-policy.json)"
fi

if [[ ! -f "$home/agent/enrollment.json" ]]; then
  token_json="$(admin POST /api/v1/admin/tenants/default/groups/default/enrollment-tokens 201 '{"ttlHours":1}')"
  token="$(printf '%s' "$token_json" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
  [[ -n "$token" ]] || die "no enrollment token in: $token_json"
  java -jar "$agent_jar" enroll --server "$server_url" --token "$token" --state-dir "$home/agent"
fi

say "starting the agent's proxy on 127.0.0.1:$proxy_port (log: $home/agent/agent.log) ..."
java -jar "$agent_jar" run --state-dir "$home/agent" --listen "127.0.0.1:$proxy_port" \
  >"$home/agent/agent.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  java -jar "$agent_jar" status --state-dir "$home/agent" 2>/dev/null | grep -q ENFORCING && break
  kill -0 "${pids[1]}" 2>/dev/null || die "agent exited; see $home/agent/agent.log"
  sleep 1
done

ca="$home/agent/ca.pem"
cat <<TXT

Tether is running.
  Server (admin + agent API): $server_url   OpenAPI: http://127.0.0.1:$server_port/openapi
  Admin API token:            $home/server/data/admin-token
  Console sign-in:            user admin, password in $console_pw_file
                              (POST $server_url/api/v1/auth/login; change it with /api/v1/auth/password)
  Agent proxy:                http://127.0.0.1:$proxy_port   (device CA: $ca)
  Agent status:               java -jar $agent_jar status --state-dir $home/agent

Try it (the device CA is not in the system trust store yet, so pass it to curl):

  # blocked on this laptop: the body carries an AWS access key id (a made-up one)
  curl -x http://127.0.0.1:$proxy_port --cacert $ca https://api.openai.com/v1/chat/completions \\
       -H 'Content-Type: application/json' \\
       -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"why does AKIAQ3EGT5ZRWJ7LUN4F fail?"}]}'

  # passes: a clean request goes on to OpenAI (which answers 401 without your API key)
  curl -x http://127.0.0.1:$proxy_port --cacert $ca https://api.openai.com/v1/models

  # what the server recorded
  curl -H "Authorization: Bearer \$(cat $home/server/data/admin-token)" \\
       "$server_url/api/v1/admin/tenants/default/audit-events?limit=20"

Press Ctrl-C to stop.
TXT
wait
