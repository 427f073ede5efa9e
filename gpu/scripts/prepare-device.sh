#!/usr/bin/env bash
# Build machine: packs everything gpu/scripts/device-check.sh needs into .device/ (git-ignored):
#   .device/jre.tgz, .device/on-device.sh   Java runtime for the GPU machine (../shared/gpu/make-jre.sh)
#   .device/lib/*.jar                       kforge cli + every runtime dependency (JCuda, JOCL, ...)
#   .device/test-classes/                   the gpu and learned-gpu modules' compiled tests
#   .device/junit/*.jar                     junit-platform-console-standalone
#   .device/scripts/cupy_cg.py              the CuPy peer
# Usage (from the project root): bash gpu/scripts/prepare-device.sh
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
cd "$root"
bash ../shared/gpu/make-jre.sh
rm -rf .device/lib .device/test-classes .device/junit .device/scripts
mkdir -p .device/lib .device/junit .device/scripts
# One reactor run: module jars come from this checkout, never from snapshots that other
# checkouts installed into the shared local repository.
mvn -B -q -pl cli -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
    -DoutputDirectory="$root/.device/lib"
cp cli/target/krylovforge-cli-*.jar .device/lib/
mvn -B -q -pl learned-gpu -am test-compile
cp -r gpu/target/test-classes .device/test-classes
cp -r learned-gpu/target/test-classes/. .device/test-classes/
junit_version="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)"
platform_version="1.${junit_version#5.}"
mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:"$platform_version" \
    -DoutputDirectory="$root/.device/junit"
cp bench/scripts/cupy_cg.py .device/scripts/
du -sh .device
