#!/usr/bin/env bash
# Times MatrixMarket.read against scipy.io.mmread on the same generated file.
#   bench/scripts/mmread_vs_scipy.sh [GRID] [laplace|random]
# GRID=1000 gives 1M rows and about 5M nonzeros. Needs: mvn, java 17, a python3 with
# scipy (Debian: apt-get install -y python3-scipy). Environment: WORK (scratch folder),
# JAVA_OPTS (default -Xmx6g), KFORGE_PYTHON (default python3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GRID=${1:-1000}
VALUES=${2:-laplace}
WORK=${WORK:-${TMPDIR:-/tmp}/krylovforge-mmread}
JAVA_OPTS=${JAVA_OPTS:--Xmx6g}
PYTHON=${KFORGE_PYTHON:-python3}
mkdir -p "$WORK"
FILE="$WORK/laplace2d_${GRID}_${VALUES}.mtx"

mvn -B -q -f "$ROOT/pom.xml" -pl bench -am -DskipTests compile
CP="$ROOT/core/target/classes:$ROOT/bench/target/classes"
MAIN=io.krylovforge.bench.MatrixMarketReadBenchmark

java $JAVA_OPTS -cp "$CP" $MAIN generate "$FILE" "$GRID" "$VALUES"
OURS=$(java $JAVA_OPTS -cp "$CP" $MAIN read "$FILE" 3)
echo "$OURS"

SCIPY=$("$PYTHON" - "$FILE" <<'PY'
import sys, time
import scipy, scipy.io
try:
    import scipy.io._fast_matrix_market  # noqa: F401  (SciPy >= 1.12: threaded C++ reader)
    backend = "fast_matrix_market"
except ImportError:
    backend = "legacy_python_mmio"
path = sys.argv[1]
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    a = scipy.io.mmread(path)
    best = min(best, time.perf_counter() - t0)
print(f"scipy_best_s={best:.4f} nnz={a.nnz} scipy={scipy.__version__} backend={backend}")
PY
)
echo "$SCIPY"

ours_s=$(sed -n 's/.*ours_best_s=\([0-9.]*\).*/\1/p' <<<"$OURS")
scipy_s=$(sed -n 's/.*scipy_best_s=\([0-9.]*\).*/\1/p' <<<"$SCIPY")
"$PYTHON" -c "o=$ours_s; s=$scipy_s; print(f'ratio ours/scipy = {o/s:.3f} (goal <= 2.0); scipy/ours = {s/o:.2f}x')"
