#!/usr/bin/env bash
# Issue #18 benchmark: the Spark job in local mode against `kforge generate` on the same machine,
# alternating the two tools, process wall (start to exit) and CPU time from /usr/bin/time, then
# the sha256 of every shard of every run compared with the first CLI run.
# Usage (from the repository root, after building both jars):
#   spark/scripts/compare-with-cli.sh RUNS WORKDIR [generate options...]
# The Spark classpath (provided scope) comes from
#   mvn -o -q -pl spark dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile=FILE
# given as SPARK_CP_FILE; MASTER (default local[2]), THREADS (default 2) and SPARK_JAVA_OPTS (e.g.
# -Dlog4j2.configurationFile=spark/scripts/log4j2-ms.properties for millisecond log times) may be set.
set -euo pipefail
runs=$1; work=$2; shift 2
args=("$@")
master=${MASTER:-local[2]}
threads=${THREADS:-2}
cp=$(tr ':' '\n' < "$SPARK_CP_FILE" | grep -v '/krylovforge' | paste -sd:)
source "$(dirname "$0")/jvm-options.sh"
rm -rf "$work"; mkdir -p "$work"
for r in $(seq 1 "$runs"); do
  /usr/bin/time -f "cli   run $r: wall %e s, user %U s, sys %S s" \
    java -jar cli/target/kforge.jar generate "${args[@]}" --threads "$threads" --out "$work/cli-$r" \
    > "$work/cli-$r.log" 2>&1 || { cat "$work/cli-$r.log"; exit 1; }
  tail -1 "$work/cli-$r.log"
  /usr/bin/time -f "spark run $r: wall %e s, user %U s, sys %S s" \
    java $SPARK_OPENS ${SPARK_JAVA_OPTS:-} -Dspark.master="$master" -cp "spark/target/kforge-spark.jar:$cp" io.krylovforge.spark.GenerateJob \
    "${args[@]}" --out "file://$(realpath "$work")/spark-$r" > "$work/spark-$r.log" 2>&1 || { tail -20 "$work/spark-$r.log"; exit 1; }
  tail -1 "$work/spark-$r.log"
done
ref="$work/cli-1"
for d in "$work"/cli-* "$work"/spark-*; do
  [ -d "$d" ] || continue
  diff <(cd "$ref" && sha256sum shard-*) <(cd "$d" && sha256sum shard-*) > /dev/null \
    && echo "$(basename "$d"): $(ls "$d"/shard-*.npz | wc -l) shards, sha256 identical to cli-1" \
    || echo "$(basename "$d"): SHARDS DIFFER from cli-1"
done
