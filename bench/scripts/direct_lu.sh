#!/usr/bin/env bash
# LU on convection-diffusion 128^2 and 256^2: KrylovForge SparseLu vs SciPy spsolve, same run, same files.
# Usage (from the project root, after `mvn -B -o -q -DskipTests -pl cli -am package`):
#   bash bench/scripts/direct_lu.sh [outDir]
set -euo pipefail
out=${1:-target/lu-bench}
mkdir -p "$out"
java -cp cli/target/kforge.jar io.krylovforge.bench.LuBenchmark "$out" 128 256
python3 bench/scripts/lu_vs_scipy.py "$out"/convdiff_128.mtx "$out"/convdiff_256.mtx
