#!/usr/bin/env bash
# Build machine: packs everything gpu/scripts/device-check.sh needs into .device/ (git-ignored):
#   .device/jre.tgz, .device/on-device.sh   Java runtime for the GPU machine (../shared/gpu/make-jre.sh)
#   .device/lib/*.jar                       kforge cli + every runtime dependency (JCuda, JOCL, ...)
#   .device/test-classes/                   the gpu module's compiled tests
#   .device/junit/*.jar                     junit-platform-console-standalone
#   .device/scripts/cupy_cg.py              the CuPy peer
# Usage (from the project root): bash gpu/scripts/prepare-device.sh
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
cd "$root"
bash ../shared/gpu/make-jre.sh
mvn -B -q -pl cli -am package -DskipTests
mvn -B -q -pl gpu test-compile
rm -rf .device/lib .device/test-classes .device/junit .device/scripts
mkdir -p .device/lib .device/junit .device/scripts
cp cli/target/krylovforge-cli-*.jar .device/lib/
mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$root/.device/lib"
# the freshly built module jars, not older snapshots from the local repository
for m in core solvers precond mesh gpu bench datasets learned-precond; do
    [ -d "$m/target" ] && cp "$m"/target/krylovforge-"$m"-*.jar .device/lib/ 2>/dev/null || true
done
cp -r gpu/target/test-classes .device/test-classes
junit_version="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)"
platform_version="1.${junit_version#5.}"
mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:"$platform_version" \
    -DoutputDirectory="$root/.device/junit"
cp bench/scripts/cupy_cg.py .device/scripts/
du -sh .device
