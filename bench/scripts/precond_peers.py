#!/usr/bin/env python3
"""Peer timings for PreconditionerBenchmark: PyAMG and PETSc on the same model problems.

Matrices are built exactly as io.krylovforge.bench.PreconditionerBenchmark builds them:
2D 5-point Laplacian on an m x m interior grid (stencil 4, -1) and 3D 7-point Laplacian on
m^3 (stencil 6, -1), Dirichlet boundary eliminated, lexicographic numbering (x fastest),
b = ones, x0 = 0, stop at ||b - A x|| <= 1e-8 ||b||. As in the Java benchmark, the AMG rows
(PyAMG SA, PETSc GAMG) are the best of 3 runs (the shared machine is noisy); ICC runs once.

Peers (each in its own interpreter, because Debian's petsc4py and the PyAMG wheel need
different numpy/scipy builds):
  pyamg : smoothed_aggregation_solver(A) with PyAMG defaults, solve(accel='cg'), criterion 'rr'
  petsc : KSPCG + PCGAMG and KSPCG + PCICC(0), unpreconditioned residual norm, rtol 1e-8

Setup on a Debian machine:
  apt-get install -y python3-petsc4py python3-scipy
  pip install pyamg

Usage: precond_peers.py [--m2d 1024] [--m3d 100] [--only pyamg|petsc]
       [--pyamg-python python3] [--petsc-python python3]
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import time


def laplacian(m, dim):
    import numpy as np
    import scipy.sparse as sp
    t = sp.diags([-np.ones(m - 1), 2.0 * np.ones(m), -np.ones(m - 1)], [-1, 0, 1], format="csr")
    eye = sp.identity(m, format="csr")
    if dim == 2:
        a = sp.kron(eye, t) + sp.kron(t, eye)
    else:
        a = (sp.kron(eye, sp.kron(eye, t)) + sp.kron(eye, sp.kron(t, eye))
             + sp.kron(t, sp.kron(eye, eye)))
    a = sp.csr_matrix(a)
    a.sort_indices()
    return a


def problems(args):
    out = []
    if args.m2d > 0:
        out.append(("2D 5-pt %d^2" % args.m2d, args.m2d, 2))
    if args.m3d > 0:
        out.append(("3D 7-pt %d^3" % args.m3d, args.m3d, 3))
    return out


def row(problem, method, setup, solve, its, relres):
    print("%-16s %-20s %9.3f %9.3f %9.3f %6d %10.2e" % (problem, method, setup, solve, setup + solve,
                                                      its, relres), flush=True)


REPEATS = 3


def best(rows):
    """The fastest (setup + solve) of several measured rows."""
    return min(rows, key=lambda r: r[0] + r[1])


def run_pyamg(args):
    import numpy as np
    import pyamg
    warm = laplacian(64, 2)  # warm-up: first calls pay for lazy imports, not reported
    pyamg.smoothed_aggregation_solver(warm).solve(np.ones(warm.shape[0]), tol=1e-8, accel="cg")
    for name, m, dim in problems(args):
        a = laplacian(m, dim)
        b = np.ones(a.shape[0])
        runs = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            ml = pyamg.smoothed_aggregation_solver(a)
            t1 = time.perf_counter()
            res = []
            x = ml.solve(b, x0=np.zeros_like(b), tol=1e-8, accel="cg", maxiter=1000, residuals=res)
            t2 = time.perf_counter()
            relres = np.linalg.norm(b - a @ x) / np.linalg.norm(b)
            runs.append((t1 - t0, t2 - t1, len(res) - 1, relres))
        row(name, "PyAMG SA %s" % pyamg.__version__, *best(runs))
        if args.verbose:
            print(ml, file=sys.stderr)


def petsc_run(PETSc, mat, pc_type):
    """One CG solve with PETSc preconditioner pc_type: (setup s, solve s, iterations, relres)."""
    b = mat.createVecLeft()
    b.set(1.0)
    x = mat.createVecRight()
    x.set(0.0)
    ksp = PETSc.KSP().create()
    ksp.setOperators(mat)
    ksp.setType("cg")
    ksp.getPC().setType(pc_type)
    ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED)  # test ||b - A x||, as the others do
    ksp.setTolerances(rtol=1e-8, atol=0.0, max_it=20000)
    t0 = time.perf_counter()
    ksp.setUp()
    t1 = time.perf_counter()
    ksp.solve(b, x)
    t2 = time.perf_counter()
    r = b.duplicate()
    mat.mult(x, r)
    r.aypx(-1.0, b)  # r = b - A x
    out = (t1 - t0, t2 - t1, ksp.getIterationNumber(), r.norm() / b.norm())
    ksp.destroy()
    return out


def run_petsc(args):
    import petsc4py
    petsc4py.init([])
    from petsc4py import PETSc
    version = "%d.%d" % PETSc.Sys.getVersion()[:2]
    for name, m, dim in problems(args):
        a = laplacian(m, dim)
        n = a.shape[0]
        mat = PETSc.Mat().createAIJ(size=(n, n), csr=(a.indptr.astype(PETSc.IntType),
                                                      a.indices.astype(PETSc.IntType), a.data))
        mat.assemble()
        for pc_type, repeats in (("gamg", REPEATS), ("icc", 1)):
            runs = [petsc_run(PETSc, mat, pc_type) for _ in range(repeats)]
            row(name, "PETSc %s cg+%s" % (version, pc_type), *best(runs))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--m2d", type=int, default=1024)
    p.add_argument("--m3d", type=int, default=100)
    p.add_argument("--only", choices=["pyamg", "petsc"])
    p.add_argument("--pyamg-python", default=shutil.which("python3") or sys.executable)
    p.add_argument("--petsc-python", default=os.environ.get("KFORGE_PYTHON", sys.executable))
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    if args.only == "pyamg":
        run_pyamg(args)
        return
    if args.only == "petsc":
        run_petsc(args)
        return
    print("%-16s %-20s %9s %9s %9s %6s %10s" % ("problem", "pcg+", "setup s", "solve s", "total s",
                                                "its", "rel.res"), flush=True)
    common = [__file__, "--m2d", str(args.m2d), "--m3d", str(args.m3d)] + (["--verbose"] if args.verbose else [])
    subprocess.run([args.pyamg_python] + common + ["--only", "pyamg"], check=False)
    env = dict(os.environ)
    if "PETSC_DIR" not in env:
        # Debian installs petsc4py under PETSC_DIR, normally found through the /usr/lib/petsc
        # alternative; name the real-scalar build directly when that link is missing.
        dirs = sorted(glob.glob("/usr/lib/petscdir/petsc*/x86_64-linux-gnu-real"))
        if not os.path.exists("/usr/lib/petsc") and dirs:
            env["PETSC_DIR"] = dirs[-1]
    subprocess.run([args.petsc_python] + common + ["--only", "petsc"], env=env, check=False)


if __name__ == "__main__":
    main()
