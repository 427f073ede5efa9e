#!/usr/bin/env python3
"""SciPy and PETSc (petsc4py) counterpart of io.krylovforge.bench.SolverBenchmark.

Same problems, built the same way: the 5-point Laplacian on an N x N grid (diagonal 4,
neighbours -1, unknown (i, j) -> i*N + j) and the upwind convection-diffusion matrix
(diagonal 4 + 2ch, west/south -1 - ch, east/north -1, ch = 0.5); b = A @ ones, x0 = 0,
no preconditioner, every solver runs exactly MAXIT iterations (tolerance 1e-30 so nothing
converges early; PETSc's dtol raised so BiCGStab's erratic growth does not stop it).
CG, GMRES(40), BiCGStab (and pipelined CG in PETSc). Reports total and per-iteration wall time (best of REPS runs).

Usage: python3 bench/scripts/solvers_vs_scipy.py [N] [MAXIT] [REPS]
Needs: apt-get install -y python3-scipy python3-petsc4py (PETSc is skipped if absent).
"""
import glob
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def convdiff(n, ch):
    t = sp.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(n, n))
    d = sp.diags([-1.0, 1.0], [-1, 0], shape=(n, n))
    i = sp.identity(n)
    a = sp.kron(i, t) + sp.kron(t, i) + ch * (sp.kron(i, d) + sp.kron(d, i))
    a = a.tocsr()
    a.sort_indices()
    return a


def import_petsc():
    try:
        from petsc4py import PETSc
        return PETSc
    except ImportError:
        # Debian's petsc4py.pth expects /usr/lib/petsc, which the alternatives may not provide.
        for p in glob.glob('/usr/lib/petscdir/petsc*/*-real/lib/python3/dist-packages'):
            sys.path.append(p)
        try:
            from petsc4py import PETSc
            return PETSc
        except ImportError:
            return None


def best_of(reps, fn):
    """Best wall time and best process CPU time (the fairer figure on a loaded machine)."""
    best, best_cpu, its = float('inf'), float('inf'), 0
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        its = fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu, its


def scipy_runs(a, b, maxit, reps):
    out = {}
    n = a.shape[0]

    def cg():
        c = [0]
        spla.cg(a, b, x0=np.zeros(n), tol=1e-30, atol=0.0, maxiter=maxit, callback=lambda xk: c.__setitem__(0, c[0] + 1))
        return c[0]

    def gmres():
        c = [0]
        spla.gmres(a, b, x0=np.zeros(n), tol=1e-30, atol=0.0, restart=40, maxiter=(maxit + 39) // 40,
                   callback=lambda pr: c.__setitem__(0, c[0] + 1), callback_type='pr_norm')
        return c[0]

    def bicgstab():
        c = [0]
        spla.bicgstab(a, b, x0=np.zeros(n), tol=1e-30, atol=0.0, maxiter=maxit,
                      callback=lambda xk: c.__setitem__(0, c[0] + 1))
        return c[0]

    for name, fn in (("cg", cg), ("gmres(40)", gmres), ("bicgstab", bicgstab)):
        out[name] = best_of(reps, fn)
    return out


def petsc_runs(PETSc, a, b, maxit, reps, symmetric):
    out = {}
    n = a.shape[0]
    A = PETSc.Mat().createAIJ(size=a.shape, csr=(a.indptr.astype(PETSc.IntType),
                                                  a.indices.astype(PETSc.IntType), a.data))
    A.assemble()
    bb = PETSc.Vec().createWithArray(b.copy())
    x = PETSc.Vec().createSeq(n)
    kinds = [("cg", "cg"), ("gmres(40)", "gmres"), ("bicgstab", "bcgs")]
    if symmetric:
        kinds.append(("pipecg", "pipecg"))
    for name, ksp_type in kinds:
        ksp = PETSc.KSP().create()
        ksp.setOperators(A)
        ksp.setType(ksp_type)
        if ksp_type == "gmres":
            ksp.setGMRESRestart(40)
        ksp.getPC().setType("none")
        ksp.setTolerances(rtol=1e-30, atol=0.0, divtol=1e300, max_it=maxit)
        ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED if ksp_type != "gmres"
                        else PETSc.KSP.NormType.PRECONDITIONED)
        ksp.setFromOptions()

        def run():
            x.set(0.0)
            ksp.solve(bb, x)
            return ksp.getIterationNumber()
        out[name] = best_of(reps, run)
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    maxit = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    PETSc = import_petsc()
    print("scipy %s, numpy %s, petsc %s" % (scipy.__version__, np.__version__,
          ".".join(map(str, PETSc.Sys.getVersion())) if PETSc else "not available"))
    print("%-10s %-10s %-6s %9s %6s %10s %10s %10s" % ("problem", "solver", "lib", "n", "its", "total ms", "ms/it",
                                                        "cpu ms/it"))
    for problem, ch in (("laplace2d", 0.0), ("convdiff", 0.5)):
        a = convdiff(n, ch)
        b = a @ np.ones(a.shape[0])
        results = [("scipy", scipy_runs(a, b, maxit, reps))]
        if PETSc:
            results.append(("petsc", petsc_runs(PETSc, a, b, maxit, reps, ch == 0.0)))
        for lib, res in results:
            for name, (t, cpu, its) in res.items():
                print("%-10s %-10s %-6s %9d %6d %10.1f %10.3f %10.3f" % (problem, name, lib, a.shape[0], its, t * 1e3,
                                                                         t * 1e3 / max(1, its), cpu * 1e3 / max(1, its)))


if __name__ == "__main__":
    main()
