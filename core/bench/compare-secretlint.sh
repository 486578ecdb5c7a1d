#!/usr/bin/env bash
# Compares Tether's built-in detectors with secretlint (+ preset-recommend) on the labelled corpus:
# precision and recall (overall, and restricted to the credential types secretlint covers) and wall
# time of both tools over the same files. Not part of `mvn verify`.
#
# Usage: core/bench/compare-secretlint.sh [WORK_DIR]     (run from the repository root)
# Env:   SECRETLINT_VERSION (default 13.0), SKIP_BUILD=1 to reuse core/target/benchmarks.jar,
#        COPIES=N (default 1): both tools also scan N-1 copies of every sample, so wall time is not
#        only start-up; accuracy is scored on the first copy.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-$(mktemp -d -t tether-secretlint-XXXXXX)}"
SECRETLINT_VERSION="${SECRETLINT_VERSION:-13.0}"
COPIES="${COPIES:-1}"
JAR="$ROOT/core/target/benchmarks.jar"
AGENT_JAR="$ROOT/endpoint-agent/target/tether-agent.jar"
mkdir -p "$WORK"
echo "work dir: $WORK"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -pl core -Pbench package)
fi

# 1. The corpus: corpus.jsonl (labels), input.jsonl (scan CLI input), samples/ID.txt.
rm -rf "$WORK/samples"
java -cp "$JAR" dev.tether.core.bench.Harness export "$WORK" "$COPIES"

# 2. secretlint into a throwaway directory.
if [[ ! -x "$WORK/npm/node_modules/.bin/secretlint" ]]; then
  mkdir -p "$WORK/npm"
  (cd "$WORK/npm" && npm init -y >/dev/null &&
    npm install --no-audit --no-fund --silent \
      "secretlint@$SECRETLINT_VERSION" "@secretlint/secretlint-rule-preset-recommend@$SECRETLINT_VERSION")
fi
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' >"$WORK/.secretlintrc.json"
echo "secretlint $("$WORK/npm/node_modules/.bin/secretlint" --version)"

# Wall time (real) and CPU time (user + sys, less sensitive to other load on the machine) of a
# whole tool run, start-up included, written to $WORK/NAME.time as "real cpu".
TIMEFORMAT='%R %U %S'
timed() {
  local name=$1
  shift
  { time "$@" 2>"$WORK/$name.err"; } 2>"$WORK/$name.rawtime" || true
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$WORK/$name.rawtime" >"$WORK/$name.time"
}

# 3. secretlint over every sample file (it exits with 1 when it finds something).
run_secretlint() (
  cd "$WORK" && npm/node_modules/.bin/secretlint "samples/**/*" --secretlintrc .secretlintrc.json \
    --format json --output secretlint.json
)
timed secretlint run_secretlint
[[ -s "$WORK/secretlint.json" ]] || { cat "$WORK/secretlint.err"; exit 1; }

# 4. Tether over the same corpus: the agent's scan CLI when it is built, else the bench harness.
head -1 "$WORK/input.jsonl" >"$WORK/probe.jsonl"
if [[ -f "$AGENT_JAR" ]] && java -jar "$AGENT_JAR" scan --jsonl "$WORK/probe.jsonl" >/dev/null 2>&1; then
  tether_tool="java -jar endpoint-agent/target/tether-agent.jar scan --jsonl"
  run_tether() { java -jar "$AGENT_JAR" scan --jsonl "$WORK/input.jsonl" >"$WORK/tether.jsonl"; }
else
  tether_tool="java -cp core/target/benchmarks.jar dev.tether.core.bench.Harness scan"
  run_tether() { java -cp "$JAR" dev.tether.core.bench.Harness scan "$WORK/input.jsonl" "$WORK/tether.jsonl"; }
fi
timed tether run_tether
[[ -s "$WORK/tether.jsonl" ]] || { cat "$WORK/tether.err"; exit 1; }
echo "Tether ran as: $tether_tool"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# 5. Score both against the labels.
java -cp "$JAR" dev.tether.core.bench.SecretlintComparison \
  "$WORK/corpus.jsonl" "$WORK/tether.jsonl" "$WORK/secretlint.json" \
  $(cat "$WORK/tether.time") $(cat "$WORK/secretlint.time") |
  tee "$WORK/comparison.txt"
