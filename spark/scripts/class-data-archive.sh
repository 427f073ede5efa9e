#!/usr/bin/env bash
# Builds a class-data-sharing archive (JDK AppCDS) of the classes a GenerateJob run loads, so
# later driver JVMs map Spark's, Scala's and Hadoop's classes instead of parsing and verifying
# them: in local mode that is most of Spark's fixed start-up CPU (bench/results/spark.md).
# Usage (repository root, after `mvn -pl spark -am package`):
#   SPARK_CP_FILE=FILE spark/scripts/class-data-archive.sh ARCHIVE
# where FILE holds Spark's class path (mvn -o -q -pl spark dependency:build-classpath
# -Dmdep.includeScope=provided -Dmdep.outputFile=FILE). Then run the job with
#   java -XX:SharedArchiveFile=ARCHIVE ... (same class path, same jars: the JVM ignores the
# archive, with a warning, once a jar on the class path changes), or with spark-submit
#   --driver-java-options -XX:SharedArchiveFile=ARCHIVE
set -euo pipefail
archive=${1:?usage: class-data-archive.sh ARCHIVE}
cp=$(tr ':' '\n' < "${SPARK_CP_FILE:?set SPARK_CP_FILE to a file with Spark\'s class path}" | grep -v '/krylovforge' | paste -sd:)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/jvm-options.sh"
# A small job touches every class a real one does: context start, one task per shard, commit, manifest.
java $SPARK_OPENS -XX:ArchiveClassesAtExit="$archive" -Dspark.master='local[2]' \
  -cp "spark/target/kforge-spark.jar:$cp" io.krylovforge.spark.GenerateJob \
  --family darcy --resolution 16 --samples 4 --shard-size 2 --seed 1 --out "file://$work/out" > "$work/log" 2>&1 \
  || { tail -20 "$work/log"; exit 1; }
echo "class-data archive: $archive ($(du -h "$archive" | cut -f1))"
