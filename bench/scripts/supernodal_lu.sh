#!/usr/bin/env bash
# Supernodal LU vs SparseLu vs PETSc LU on convdiff samples, per size, same samples (issue 17):
#   bench/scripts/supernodal_lu.sh [DIR]      (PETSc from /usr/bin/python3 with petsc4py, or $PETSC_PYTHON)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-$(mktemp -d)}"
py="${PETSC_PYTHON:-/usr/bin/python3}"
export PETSC_DIR="${PETSC_DIR:-/usr/lib/petsc}"
for spec in 64:20 128:20 256:5; do
  size="${spec%%:*}"; count="${spec##*:}"
  "$root/bench/scripts/run.sh" io.krylovforge.bench.SupernodalLuBenchmark --sizes "$size" --samples "$count" --dir "$dir"
  "$py" "$root/bench/scripts/supernodal_lu_petsc.py" "$dir/convdiff-$size.bin"
done
