#!/usr/bin/env python3
"""Peer runner for the KrylovForge benchmark harness.

Builds the same problem as KrylovForge (same generator, same ordering, b = A*ones) or reads a
Matrix Market file, solves it with each requested peer (scipy, petsc, pyamg) and prints one JSON
object per peer on stdout. A peer that cannot be imported prints {"unavailable": "..."}.
Every result carries the true relative residual ||b - A x|| / ||b|| computed here from x.
"""
import argparse
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def laplace2d(n):
    # Row-major, index j*n + i; 4 on the diagonal and -1 to each neighbour (KrylovForge Stencils).
    e = np.ones(n)
    t = sp.diags([-e[:-1], 2 * e, -e[:-1]], [-1, 0, 1])
    i = sp.identity(n)
    return (sp.kron(i, t) + sp.kron(t, i)).tocsr()


def laplace3d(n):
    e = np.ones(n)
    t = sp.diags([-e[:-1], 2 * e, -e[:-1]], [-1, 0, 1])
    i = sp.identity(n)
    return (sp.kron(sp.kron(i, i), t) + sp.kron(sp.kron(i, t), i) + sp.kron(sp.kron(t, i), i)).tocsr()


def convdiff2d(n, peclet=1.0):
    # Upwind convection (1,1)*peclet: neighbours below/left get -1-peclet, diagonal 4+2*peclet.
    e = np.ones(n)
    tx = sp.diags([(-1 - peclet) * e[:-1], (2 + peclet) * e, -e[:-1]], [-1, 0, 1])
    i = sp.identity(n)
    return (sp.kron(i, tx) + sp.kron(tx, i)).tocsr()


def build(args):
    if args.problem == "file":
        import scipy.io
        return sp.csr_matrix(scipy.io.mmread(args.file))
    return {"laplace2d": laplace2d, "laplace3d": laplace3d, "convdiff2d": convdiff2d}[args.problem](args.size)


def rel_res(a, b, x):
    return float(np.linalg.norm(b - a @ x) / np.linalg.norm(b))


CPU_TIMES = []  # thread CPU seconds of the last timed() call, one per repeat


def timed(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times, out = [], None
    del CPU_TIMES[:]
    for _ in range(repeats):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        CPU_TIMES.append(time.thread_time() - c0)
    return times, out


def run_scipy(a, b, args):
    kw = {}
    import inspect
    solver = {"cg": spla.cg, "gmres": spla.gmres, "bicgstab": spla.bicgstab, "minres": spla.minres}.get(args.solver)
    if solver is None:
        return {"unavailable": "scipy has no solver named " + args.solver}
    params = inspect.signature(solver).parameters
    kw["rtol" if "rtol" in params else "tol"] = args.rtol
    if "atol" in params:
        kw["atol"] = 0.0
    kw["maxiter"] = 100000
    m = None
    if args.precond == "jacobi":
        m = sp.diags(1.0 / a.diagonal())
    elif args.precond != "none":
        return {"unavailable": "scipy peer has no preconditioner " + args.precond}
    if args.solver == "gmres":
        kw["restart"] = args.restart
        kw["callback_type"] = "pr_norm"
        kw["maxiter"] = 100000 // args.restart + 1

    def once():
        count = [0]

        def cb(_):
            count[0] += 1
        x, info = solver(a, b, M=m, callback=cb, **kw)
        return x, count[0], info
    times, (x, its, info) = timed(once, args.repeats, args.warmup)
    import scipy
    return {"iterations": its, "relResidual": rel_res(a, b, x), "setupSeconds": 0.0, "solveSeconds": times,
            "info": int(info), "version": "scipy " + scipy.__version__}


def import_petsc():
    try:
        from petsc4py import PETSc
        return PETSc
    except ImportError:
        # Debian installs petsc4py under the PETSc alternative's directory; when the
        # /usr/lib/petsc link is missing, look for the real-valued build directly.
        import glob
        for d in sorted(glob.glob("/usr/lib/petscdir/*/*-real/lib/python3/dist-packages")):
            sys.path.append(d)
        from petsc4py import PETSc
        return PETSc


def run_petsc(a, b, args):
    try:
        PETSc = import_petsc()
    except Exception as e:  # noqa: BLE001 - report any import failure
        return {"unavailable": "petsc4py not importable (%s)" % e}
    n = a.shape[0]
    a = a.tocsr()
    mat = PETSc.Mat().createAIJ(size=(n, n), csr=(a.indptr.astype(PETSc.IntType), a.indices.astype(PETSc.IntType), a.data))
    mat.assemble()
    bv = mat.createVecLeft()
    bv.setArray(b)
    xv = mat.createVecRight()
    # "ssor": PCSOR's default is one local symmetric sweep with omega = 1, i.e. SSOR(1).
    pc_map = {"none": "none", "jacobi": "jacobi", "ic0": "icc", "ilu0": "ilu", "amg": "gamg", "sor": "sor",
              "ssor": "sor"}
    ksp_map = {"cg": "cg", "gmres": "gmres", "bicgstab": "bcgs", "minres": "minres"}
    if args.solver not in ksp_map or args.precond not in pc_map:
        return {"unavailable": "petsc peer lacks %s/%s" % (args.solver, args.precond)}
    ksp = PETSc.KSP().create()
    ksp.setOperators(mat)
    ksp.setType(ksp_map[args.solver])
    ksp.getPC().setType(pc_map[args.precond])
    if args.solver == "gmres":
        ksp.setGMRESRestart(args.restart)
        ksp.setPCSide(PETSc.PC.Side.RIGHT)
    else:
        ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED) if args.precond == "none" else None
    ksp.setTolerances(rtol=args.rtol, atol=0.0, max_it=100000)
    t0 = time.perf_counter()
    ksp.setUp()
    setup = time.perf_counter() - t0

    def once():
        xv.set(0.0)
        ksp.solve(bv, xv)
        return ksp.getIterationNumber()
    times, its = timed(once, args.repeats, args.warmup)
    return {"iterations": int(its), "relResidual": rel_res(a, b, xv.getArray().copy()), "setupSeconds": setup,
            "solveSeconds": times, "reason": int(ksp.getConvergedReason()),
            "version": "petsc %d.%d.%d" % PETSc.Sys.getVersion()}


def run_pyamg(a, b, args):
    if args.precond != "amg" or args.solver != "cg":
        return {"unavailable": "pyamg is compared on cg+amg cases only"}
    try:
        import pyamg
    except Exception as e:  # noqa: BLE001
        return {"unavailable": "pyamg not importable (%s)" % e}
    t0 = time.perf_counter()
    ml = pyamg.smoothed_aggregation_solver(a)
    setup = time.perf_counter() - t0

    def once():
        res = []
        x = ml.solve(b, tol=args.rtol, accel="cg", residuals=res, maxiter=1000)
        return x, len(res) - 1
    times, (x, its) = timed(once, args.repeats, args.warmup)
    return {"iterations": its, "relResidual": rel_res(a, b, x), "setupSeconds": setup, "solveSeconds": times,
            "version": "pyamg " + pyamg.__version__}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--problem", required=True)
    p.add_argument("--size", type=int, default=0)
    p.add_argument("--file")
    p.add_argument("--solver", default="cg")
    p.add_argument("--precond", default="none")
    p.add_argument("--rtol", type=float, default=1e-8)
    p.add_argument("--restart", type=int, default=40)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--peers", default="scipy,petsc")
    args = p.parse_args()
    a = build(args)
    b = a @ np.ones(a.shape[0])
    runners = {"scipy": run_scipy, "petsc": run_petsc, "pyamg": run_pyamg}
    for name in args.peers.split(","):
        try:
            out = runners[name](a, b, args) if name in runners else {"unavailable": "unknown peer " + name}
        except Exception as e:  # noqa: BLE001 - a failing peer must not stop the others
            out = {"unavailable": "%s failed: %s" % (name, e)}
        out["peer"] = name
        if "solveSeconds" in out and len(CPU_TIMES) == len(out["solveSeconds"]):
            out["cpuSeconds"] = list(CPU_TIMES)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    sys.exit(main())
