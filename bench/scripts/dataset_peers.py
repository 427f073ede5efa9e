#!/usr/bin/env python3
"""The Python peers of DatasetBenchmark, on the systems it exported (npz shards written by
`kforge generate --store-matrix`): for every sample, load A and b from the shard, solve, and
write the solutions as an npz shard -- the end-to-end pipeline a SciPy user would run, minus the
field sampling and assembly (which favours the peers).

  dataset_peers.py scipy  SHARD OUT [--procs 2]            # scipy.sparse.linalg.spsolve per sample
  dataset_peers.py petsc  SHARD OUT [--procs 2] [--factor cholesky|lu]
        # PETSc KSPPREONLY + PCCHOLESKY/PCLU, nested-dissection ordering; one Mat per process whose
        # values are replaced per sample, so PCSetUp redoes only the numeric factorisation

Prints one JSON line: samples, seconds (wall, processes included), samples_per_s,
solve_ms_per_sample (mean solve time inside the workers), max_relative_residual (recomputed).
Run PETSc with /usr/bin/python3 (Debian's python3-petsc4py).
"""
import argparse
import glob
import json
import multiprocessing as mp
import os
import sys
import time

import numpy as np


def load(shard):
    z = np.load(shard)
    off = z["matrix_offsets"]
    return z, off


def sample(z, off, j):
    indptr = z["matrix_indptr"][j].astype(np.int64)
    lo, hi = off[j], off[j + 1]
    return indptr, z["matrix_indices"][lo:hi], z["matrix_data"][lo:hi], z["rhs"][j].ravel().astype(np.float64)


def residual(indptr, cols, vals, x, b):
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    ax = np.bincount(rows, weights=vals * x[cols], minlength=len(b))
    return float(np.linalg.norm(ax - b) / np.linalg.norm(b))


def scipy_worker(task):
    import scipy.sparse as sp
    from scipy.sparse.linalg import spsolve
    shard, lo, hi = task
    z, off = load(shard)
    xs, worst, solve = [], 0.0, 0.0
    for j in range(lo, hi):
        indptr, cols, vals, b = sample(z, off, j)
        a = sp.csr_matrix((vals, cols, indptr), shape=(len(b), len(b)))
        t = time.perf_counter()
        x = spsolve(a.tocsc(), b)
        solve += time.perf_counter() - t
        worst = max(worst, residual(indptr, cols, vals, x, b))
        xs.append(x)
    return xs, worst, solve


def petsc_import():
    try:
        import petsc4py  # noqa: F401
    except ImportError:
        # Debian installs petsc4py under PETSC_DIR, normally found through the /usr/lib/petsc link
        for d in sorted(glob.glob("/usr/lib/petscdir/petsc*/*-real/lib/python3/dist-packages")):
            sys.path.append(d)
    import petsc4py
    petsc4py.init([])
    from petsc4py import PETSc
    return PETSc


def petsc_worker(task):
    shard, lo, hi, factor = task
    PETSc = petsc_import()
    z, off = load(shard)
    xs, worst, solve = [], 0.0, 0.0
    mat = ksp = None
    for j in range(lo, hi):
        indptr, cols, vals, b = sample(z, off, j)
        n = len(b)
        t = time.perf_counter()
        if mat is None:
            mat = PETSc.Mat().createAIJ(size=(n, n), csr=(indptr.astype(PETSc.IntType),
                                                          cols.astype(PETSc.IntType), vals))
            mat.assemble()
            ksp = PETSc.KSP().create(comm=PETSc.COMM_SELF)
            ksp.setType("preonly")
            pc = ksp.getPC()
            pc.setType(factor)
            pc.setFactorOrdering("nd")
            ksp.setOperators(mat)
            bv, xv = mat.createVecs()
        else:
            # same pattern, new values: PCSetUp sees a new nonzero state with the same pattern
            # and redoes only the numeric factorisation
            mat.setValuesCSR(indptr.astype(PETSc.IntType), cols.astype(PETSc.IntType), vals)
            mat.assemble()
            ksp.setOperators(mat)
        bv.setArray(b)
        ksp.solve(bv, xv)
        x = xv.getArray().copy()
        solve += time.perf_counter() - t
        worst = max(worst, residual(indptr, cols, vals, x, b))
        xs.append(x)
    return xs, worst, solve


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("peer", choices=["scipy", "petsc"])
    p.add_argument("shard")
    p.add_argument("out")
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--factor", choices=["cholesky", "lu"], default="lu")
    a = p.parse_args()
    t0 = time.perf_counter()
    n = len(np.load(a.shard)["seeds"])
    cuts = [n * i // a.procs for i in range(a.procs + 1)]
    tasks = [(a.shard, cuts[i], cuts[i + 1]) + ((a.factor,) if a.peer == "petsc" else ())
             for i in range(a.procs) if cuts[i] < cuts[i + 1]]
    worker = scipy_worker if a.peer == "scipy" else petsc_worker
    with mp.get_context("fork").Pool(len(tasks)) as pool:
        parts = pool.map(worker, tasks)
    xs = [x for part in parts for x in part[0]]
    np.savez(a.out, solutions=np.stack(xs))
    seconds = time.perf_counter() - t0
    print(json.dumps({"peer": a.peer + ("-" + a.factor if a.peer == "petsc" else ""), "samples": n,
                      "seconds": seconds, "samples_per_s": n / seconds,
                      "solve_ms_per_sample": 1e3 * sum(p[2] for p in parts) / n,
                      "max_relative_residual": max(p[1] for p in parts)}))


if __name__ == "__main__":
    main()
