#!/usr/bin/env bash
# Connection set-up overhead of the OS redirect + agent (p50/p99) and bulk non-AI download
# throughput through the pass-through path versus direct, in the bypass lab (network namespaces
# this script's JVM creates and deletes). Needs root, nftables, libnftables1, curl, python3.
# Usage: endpoint-agent/bench/redirect-overhead.sh [connections=500] [bulkBytes=1073741824]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B package -pl endpoint-agent -am -DskipTests
cp_file=$(mktemp)
mvn -q -B dependency:build-classpath -pl endpoint-agent -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -cp "endpoint-agent/target/test-classes:endpoint-agent/target/classes:$(cat "$cp_file")" \
  -Dtether.e2e.agentJar=endpoint-agent/target/tether-agent.jar \
  dev.tether.agent.bypass.RedirectOverheadBench "${1:-500}" "${2:-1073741824}"
rm -f "$cp_file"
