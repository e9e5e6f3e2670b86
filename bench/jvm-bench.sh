#!/usr/bin/env bash
# Runs a benchmark of a module's src/bench/java on that module's test class path, with the launcher's malloc settings:
#   bench/jvm-bench.sh MODULE CLASS [ARGS...]
#   bench/jvm-bench.sh cluster io.smartnas.cluster.ClusterBench 120 asynchronous 1 4 16 64
#   bench/jvm-bench.sh search io.smartnas.search.SearchOverheadBench 200 8 32
#   bench/jvm-bench.sh results-db io.smartnas.results.StoreBenchmark
#   bench/jvm-bench.sh evaluator io.smartnas.evaluator.ImportanceBench 4 /tmp/importance
# Builds what it needs first (tests skipped). Run it alone on an idle machine.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,8p "$0" >&2; exit 2; }
here="$(cd "$(dirname "$0")/.." && pwd)"
module="$1"; class="$2"; shift 2
[ -d "$here/$module/src/bench/java" ] || { echo "jvm-bench: $module has no src/bench/java" >&2; exit 2; }
cd "$here"
mvn -B -q -pl "$module" -am install -DskipTests >&2
classpath="$(mktemp)"
trap 'rm -f "$classpath"' EXIT
mvn -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >&2
export GLIBC_TUNABLES="$(cat "$here/launcher/glibc-tunables")"
exec java -XX:+UseSerialGC -cp "$here/$module/target/test-classes:$here/$module/target/classes:$(cat "$classpath")" \
  "$class" "$@"
