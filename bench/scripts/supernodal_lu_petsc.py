"""PETSc LU per-sample factor+solve on the convdiff samples SupernodalLuBenchmark wrote (issue 17).

    supernodal_lu_petsc.py DIR/convdiff-R.bin [--rounds 4] [--ordering nd]

One process, one Mat whose values are replaced per sample (PCSetUp redoes only the numeric
factorisation: symbolic analysis reused), KSPPREONLY + PCLU. After two untimed passes, prints the
median and minimum process CPU time per sample (setValuesCSR + assemble + factor + solve) and the
worst relative residual.
"""
import argparse
import glob
import sys
import time

import numpy as np


def petsc_import():
    try:
        import petsc4py  # noqa: F401
    except ImportError:
        for d in sorted(glob.glob("/usr/lib/petscdir/petsc*/*-real/lib/python3/dist-packages")):
            sys.path.append(d)
    import petsc4py
    petsc4py.init([])
    from petsc4py import PETSc
    return PETSc


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--ordering", default="nd")
    a = p.parse_args()
    PETSc = petsc_import()
    raw = open(a.file, "rb").read()
    n, nnz, k = (int(v) for v in np.frombuffer(raw, "<i4", 3))
    off = 12
    indptr = np.frombuffer(raw, "<i4", n + 1, off).astype(PETSc.IntType)
    off += 4 * (n + 1)
    cols = np.frombuffer(raw, "<i4", nnz, off).astype(PETSc.IntType)
    off += 4 * nnz
    samples = []
    for _ in range(k):
        v = np.frombuffer(raw, "<f8", nnz, off).copy()
        off += 8 * nnz
        b = np.frombuffer(raw, "<f8", n, off).copy()
        off += 8 * n
        samples.append((v, b))
    mat = PETSc.Mat().createAIJ(size=(n, n), csr=(indptr, cols, samples[0][0]))
    mat.assemble()
    ksp = PETSc.KSP().create(comm=PETSc.COMM_SELF)
    ksp.setType("preonly")
    pc = ksp.getPC()
    pc.setType("lu")
    pc.setFactorOrdering(a.ordering)
    ksp.setOperators(mat)
    bv, xv = mat.createVecs()
    cpu, worst = [], 0.0
    rows = np.repeat(np.arange(n), np.diff(indptr))
    for rnd in range(-2, a.rounds):
        for v, b in samples:
            c = time.process_time()
            mat.setValuesCSR(indptr, cols, v)
            mat.assemble()
            ksp.setOperators(mat)
            bv.setArray(b)
            ksp.solve(bv, xv)
            t = time.process_time() - c
            if rnd >= 0:
                cpu.append(t * 1e3)
                x = xv.getArray()
                ax = np.bincount(rows, weights=v * x[cols], minlength=n)
                worst = max(worst, float(np.linalg.norm(b - ax) / np.linalg.norm(b)))
    cpu = np.array(cpu)
    print(f"  petsc-lu ({a.ordering}) factor+solve process CPU ms/sample: median {np.median(cpu):7.2f},"
          f" min {cpu.min():7.2f} ({len(cpu)} timed) | worst residual {worst:.1e}")


if __name__ == "__main__":
    main()
