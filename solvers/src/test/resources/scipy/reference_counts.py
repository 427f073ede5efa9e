#!/usr/bin/env python3
"""Reference iteration counts for KrylovForge's solver tests (SolverReferenceCountsTest).

Run:  python3 solvers/src/test/resources/scipy/reference_counts.py
Used: SciPy 1.10.1 (Debian bookworm python3-scipy), NumPy from the same distribution.

Problems (built identically in the Java test):
  laplace2d(N): 5-point Laplacian on an N x N grid, unknown (i, j) -> i*N + j, stencil
                [4 on the diagonal, -1 to the 4 neighbours], Dirichlet boundary (no scaling by h).
  convdiff(N, ch): laplace2d(N) + ch * (backward differences in both directions):
                diagonal 4 + 2ch, west (j-1) and south (i-1) -1 - ch, east and north -1.
b = A @ ones, x0 = 0, tol (relative) 1e-8, atol 0, no preconditioner.
CG and TFQMR count = number of callback calls (TFQMR: one per half step, one product with A). GMRES count = number of inner iterations, counted with
callback_type='pr_norm' (called once per inner iteration); SciPy's maxiter counts restart cycles.
"""
import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def laplace2d(n):
    t = sp.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(n, n))
    i = sp.identity(n)
    return (sp.kron(i, t) + sp.kron(t, i)).tocsr()


def convdiff(n, ch):
    d = sp.diags([-1.0, 1.0], [-1, 0], shape=(n, n))  # backward difference (upwind)
    i = sp.identity(n)
    return (laplace2d(n) + ch * (sp.kron(i, d) + sp.kron(d, i))).tocsr()


def count_cg(a):
    b = a @ np.ones(a.shape[0])
    its = [0]
    def cb(xk):
        its[0] += 1
    x, info = spla.cg(a, b, x0=np.zeros_like(b), tol=1e-8, atol=0.0, maxiter=10000, callback=cb)
    return its[0], info, np.linalg.norm(b - a @ x) / np.linalg.norm(b)


def count_tfqmr(a):
    b = a @ np.ones(a.shape[0])
    its = [0]
    def cb(xk):
        its[0] += 1
    x, info = spla.tfqmr(a, b, x0=np.zeros_like(b), tol=1e-8, atol=0.0, maxiter=10000, callback=cb)
    return its[0], info, np.linalg.norm(b - a @ x) / np.linalg.norm(b)


def count_gmres(a, m):
    b = a @ np.ones(a.shape[0])
    its = [0]
    def cb(pr):
        its[0] += 1
    x, info = spla.gmres(a, b, x0=np.zeros_like(b), tol=1e-8, atol=0.0, restart=m, maxiter=10000,
                         callback=cb, callback_type='pr_norm')
    return its[0], info, np.linalg.norm(b - a @ x) / np.linalg.norm(b)


if __name__ == "__main__":
    print("scipy", scipy.__version__)
    for n in (32, 64):
        print("cg laplace2d(%d): iterations %d info %d relres %.3e" % ((n,) + count_cg(laplace2d(n))))
    print("tfqmr laplace2d(16): iterations %d info %d relres %.3e" % count_tfqmr(laplace2d(16)))
    print("tfqmr convdiff(16, 0.5): iterations %d info %d relres %.3e" % count_tfqmr(convdiff(16, 0.5)))
    for n, ch, m in ((32, 0.5, 30), (32, 0.5, 10), (64, 0.5, 30)):
        print("gmres(%d) convdiff(%d, %.1f): inner iterations %d info %d relres %.3e"
              % ((m, n, ch) + count_gmres(convdiff(n, ch), m)))
