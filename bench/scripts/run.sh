#!/usr/bin/env bash
# Runs a benchmark main class from the bench module against this checkout's freshly built classes:
#   bench/scripts/run.sh io.krylovforge.bench.BanditBenchmark [args...]
# (Uses each module's target/classes, never an installed snapshot in the local repository.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
main="$1"; shift
mvn -B -q -pl bench -am package -DskipTests >&2
cpfile="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >&2
deps="$(tr ':' '\n' < "$cpfile" | grep -v '/io/krylovforge/' | paste -sd: -)"
rm -f "$cpfile"
classes="$(ls -d "$root"/*/target/classes | paste -sd: -)"
exec java --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$classes:$deps" "$main" "$@"
