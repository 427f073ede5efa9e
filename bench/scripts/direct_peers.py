#!/usr/bin/env python3
"""Sparse direct peers for io.krylovforge.bench.DirectBenchmark, on the matrices it exported.

For each case directory name given, reads DIR/<case>/A1.mtx, A2.mtx (same pattern, new values)
and b.mtx, and times
  scipy : scipy.sparse.linalg.spsolve(A1, b) ("first") and spsolve(A2, b) ("repeat": SciPy has
          no pattern reuse, so it redoes everything)
  petsc : KSPPREONLY + PCCHOLESKY, -pc_factor_mat_ordering_type nd, on SeqAIJ: "first" =
          setUp (ordering + symbolic + numeric) + solve on A1; "repeat" = A2's values copied into
          the same Mat (same nonzero state, so PETSc redoes only the numeric factorisation) + solve.
Prints one JSON line per (case, peer): first/repeat wall and process-CPU seconds (best of --repeats), nnz of the
factor where the peer reports it, relative residual ||b - A x|| / ||b|| of the repeat solve.
Run by DirectBenchmark in the same invocation; by hand:
  /usr/bin/python3 bench/scripts/direct_peers.py --dir DIR --cases lap2d-64,... --peers scipy,petsc
"""
import argparse
import glob
import json
import os
import sys
import time


def load(path):
    import scipy.io
    import scipy.sparse
    return scipy.sparse.csr_matrix(scipy.io.mmread(path))


def relres(a, x, b):
    import numpy as np
    return float(np.linalg.norm(b - a @ x) / np.linalg.norm(b))


def run_scipy(case_dir, repeats):
    import numpy as np
    import scipy
    from scipy.sparse.linalg import spsolve
    a1 = load(os.path.join(case_dir, "A1.mtx")).tocsc()
    a2 = load(os.path.join(case_dir, "A2.mtx")).tocsc()
    b = np.asarray(load(os.path.join(case_dir, "b.mtx")).todense()).ravel()
    first, first_cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        spsolve(a1, b)
        first.append(time.perf_counter() - t0)
        first_cpu.append(time.process_time() - c0)
    rep, rep_cpu = [], []
    x = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        x = spsolve(a2, b)
        rep.append(time.perf_counter() - t0)
        rep_cpu.append(time.process_time() - c0)
    return {"peer": "SciPy %s spsolve" % scipy.__version__, "first": min(first), "repeat": min(rep),
            "first_cpu": min(first_cpu), "repeat_cpu": min(rep_cpu),
            "nnzL": None, "relres": relres(a2.tocsr(), x, b)}


def run_petsc(case_dir, repeats):
    import numpy as np
    import petsc4py
    petsc4py.init([])
    from petsc4py import PETSc
    a1 = load(os.path.join(case_dir, "A1.mtx"))
    a2 = load(os.path.join(case_dir, "A2.mtx"))
    b_np = np.asarray(load(os.path.join(case_dir, "b.mtx")).todense()).ravel()
    n = a1.shape[0]
    it = PETSc.IntType

    def mat_of(a):
        m = PETSc.Mat().createAIJ(size=(n, n), csr=(a.indptr.astype(it), a.indices.astype(it), a.data))
        m.assemble()
        return m

    b = PETSc.Vec().createWithArray(b_np.copy())
    first, first_cpu, rep, rep_cpu = [], [], [], []
    nnz = None
    x = b.duplicate()
    for r in range(repeats):
        mat = mat_of(a1)
        ksp = PETSc.KSP().create()
        ksp.setType("preonly")
        pc = ksp.getPC()
        pc.setType("cholesky")
        pc.setFactorOrdering("nd")
        ksp.setOperators(mat)
        t0, c0 = time.perf_counter(), time.process_time()
        ksp.setUp()
        ksp.solve(b, x)
        first.append(time.perf_counter() - t0)
        first_cpu.append(time.process_time() - c0)
        nnz = int(pc.getFactorMatrix().getInfo()["nz_used"])
        if r == repeats - 1:
            for _ in range(repeats):
                # new values, same nonzero pattern: PETSc keeps the ordering and symbolic factor
                mat.setValuesCSR(a2.indptr.astype(it), a2.indices.astype(it), a2.data)
                mat.assemble()
                t0, c0 = time.perf_counter(), time.process_time()
                ksp.setOperators(mat)
                ksp.solve(b, x)
                rep.append(time.perf_counter() - t0)
                rep_cpu.append(time.process_time() - c0)
        ksp.destroy()
        mat.destroy()
    return {"peer": "PETSc %d.%d cholesky nd" % PETSc.Sys.getVersion()[:2], "first": min(first),
            "repeat": min(rep), "first_cpu": min(first_cpu), "repeat_cpu": min(rep_cpu), "nnzL": nnz, "relres": relres(a2, x.getArray().copy(), b_np)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", required=True)
    p.add_argument("--cases", required=True)
    p.add_argument("--peers", default="scipy,petsc")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--only")
    args = p.parse_args()
    peers = args.peers.split(",")
    if args.only is None and "petsc" in peers and "PETSC_DIR" not in os.environ:
        # Debian installs petsc4py under PETSC_DIR; name the real-scalar build when the
        # /usr/lib/petsc alternative is missing (same rule as precond_peers.py), then re-run.
        dirs = sorted(glob.glob("/usr/lib/petscdir/petsc*/x86_64-linux-gnu-real"))
        if not os.path.exists("/usr/lib/petsc") and dirs:
            os.environ["PETSC_DIR"] = dirs[-1]
            sys.path.insert(0, os.path.join(dirs[-1], "lib", "python3", "dist-packages"))
    for case in args.cases.split(","):
        case_dir = os.path.join(args.dir, case)
        for peer in peers:
            try:
                out = run_scipy(case_dir, args.repeats) if peer == "scipy" else run_petsc(case_dir, args.repeats)
            except Exception as e:  # a missing module or failed peer is reported, not fatal
                out = {"peer": peer, "error": "%s: %s" % (type(e).__name__, e)}
            out["case"] = case
            print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
