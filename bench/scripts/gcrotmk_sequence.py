#!/usr/bin/env python3
"""SciPy's gcrotmk on the SKR sequences that SkrBenchmark exported (external reference for Table 1).

Usage:
    bench/scripts/run.sh io.krylovforge.bench.SkrBenchmark 100 bench/results/skr.md /tmp/skr-export
    python3 bench/scripts/gcrotmk_sequence.py /tmp/skr-export [out.md]

Each folder under the export root holds one sequence in SKR's sorted solve order: A_iii.mtx
(only A_000.mtx when the matrix is fixed, fixed.txt = 1), b_iii.mtx. For every tolerance of the
dataset the script solves the whole sequence with
    scipy.sparse.linalg.gcrotmk(A, b, x0=0, tol=rtol, atol=0, m=40, k=20, CU=CU, discard_C=...)
keeping one CU list across the systems (SciPy's recycling container). For a changing matrix
discard_C=True, so gcrotmk recomputes C = A U for the next matrix (k products); for a fixed matrix
the C vectors are kept. No preconditioner (rows "None" of the Java table).

Note: SciPy's m counts the inner FGMRES steps per outer cycle, so gcrotmk(m=40, k=20) builds 40
new Arnoldi vectors next to the 20 carried ones, while GCRO-DR(40, 20) builds m - k = 20; and the
carried space is GCROT's (optimal truncation, Hicken & Zingg / de Sturler), not GCRO-DR's harmonic
Ritz vectors. "matvecs" counts every product with A, the k products that rebuild C included.

Times: CPU time of this process (time.process_time) and wall time, per system, single-threaded BLAS.
SciPy 1.10.1 (Debian python3-scipy); tol/atol are the 1.10 names (later versions: rtol).
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one thread, like the Java solving thread

import sys
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.io
import scipy.sparse.linalg as spla

TOLS = {
    "darcy-skr": ("Darcy", [1e-2, 1e-5, 1e-8]),
    "helmholtz-skr": ("Helmholtz", [1e-2, 1e-5, 1e-7]),
    "thermal": ("Thermal", [1e-5, 1e-8, 1e-11]),
}


def load(folder):
    fixed = (folder / "fixed.txt").read_text().strip() == "1"
    rhs = sorted(folder.glob("b_*.mtx"))
    bs = [np.asarray(scipy.io.mmread(str(f))).ravel() for f in rhs]
    if fixed:
        a0 = scipy.sparse.csr_matrix(scipy.io.mmread(str(folder / "A_000.mtx")))
        mats = [a0] * len(bs)
    else:
        mats = [scipy.sparse.csr_matrix(scipy.io.mmread(str(folder / f"A_{p:03d}.mtx"))) for p in range(len(bs))]
    return fixed, mats, bs


def solve_sequence(fixed, mats, bs, tol):
    cu = []
    its, cpu, wall, rel, conv = [], [], [], [], 0
    for a, b in zip(mats, bs):
        count = [0]

        def mv(v, a=a, count=count):
            count[0] += 1
            return a @ v

        op = spla.LinearOperator(a.shape, matvec=mv, dtype=float)
        c0, w0 = time.process_time(), time.perf_counter()
        x, info = spla.gcrotmk(op, b, x0=np.zeros_like(b), tol=tol, atol=0.0, maxiter=10000 // 40 + 1,
                               m=40, k=20, CU=cu, discard_C=not fixed)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        its.append(count[0])
        r = np.linalg.norm(b - a @ x) / np.linalg.norm(b)
        rel.append(r)
        conv += info == 0
    return np.array(its), np.array(cpu), np.array(wall), np.array(rel), conv


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/skr-export")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    lines = [
        f"| dataset | n | rtol | systems | gcrotmk matvecs / system | CPU ms / system | wall ms / system | "
        f"max true rel. res. | converged |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for family, (title, tols) in TOLS.items():
        folder = root / family
        if not folder.is_dir():
            continue
        fixed, mats, bs = load(folder)
        for tol in tols:
            its, cpu, wall, rel, conv = solve_sequence(fixed, mats, bs, tol)
            line = (f"| {title} | {len(bs[0])} | {tol:.0e} | {len(bs)} | {its.mean():.1f} | {1e3 * cpu.mean():.1f} "
                    f"| {1e3 * wall.mean():.1f} | {rel.max():.1e} | {conv}/{len(bs)} |")
            print(line, flush=True)
            lines.append(line)
            np.savetxt(folder / f"gcrotmk_its_{tol:.0e}.txt", its, fmt="%d")
    text = (f"SciPy {scipy.__version__} gcrotmk(m=40, k=20), CU kept across the sorted sequence, no "
            f"preconditioner, x0 = 0, atol = 0 (`bench/scripts/gcrotmk_sequence.py {root}`).\n\n"
            + "\n".join(lines) + "\n")
    if out is not None:
        out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
