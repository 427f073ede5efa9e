#!/usr/bin/env python3
"""CuPy peer of io.krylovforge.bench.GpuBenchmark: CG on the 2D 5-point Laplacian on the GPU.

Same problem as the Java benchmark: N x N grid, diagonal 4, neighbours -1, unknown (i, j) ->
i*N + j, b = A @ ones, x0 = 0, no preconditioner. Operators: 'csr' (cupyx.scipy.sparse CSR) and
'stencil' (matrix-free 5-point stencil through a LinearOperator of array slices).

Modes:
  fixed     exactly --iterations iterations (tolerance 1e-30), like GpuBenchmark
  converge  run to rtol 1e-8 (the setting of the reference table in shared/gpu/README.md)

Reports ms per iteration (best of --reps after one warm-up), the bytes a CG iteration must move
(SpMV 12 nnz + 4(n+1) + 16n for CSR, 16n for the stencil, plus 88n for the vector updates), the
achieved GB/s and the ratio to the floor at --peak-gbs (3000 = H100 HBM3).

Usage: python3 bench/scripts/cupy_cg.py [--grids 1024,2048,4096] [--iterations 200]
         [--reps 3] [--mode fixed|converge] [--operator csr|stencil|both] [--backend cupy|scipy]
         [--peak-gbs 3000] [--csv out.csv]
--backend scipy runs the same code on the CPU with SciPy (for checking the script without a GPU).
"""
import argparse
import inspect
import sys
import time


def load(backend):
    if backend == "cupy":
        import cupy as xp
        import cupyx.scipy.sparse as sp
        import cupyx.scipy.sparse.linalg as spla

        def sync():
            xp.cuda.Device().synchronize()
    else:
        import numpy as xp
        import scipy.sparse as sp
        import scipy.sparse.linalg as spla

        def sync():
            pass
    return xp, sp, spla, sync


def laplacian(xp, sp, n):
    size = n * n
    main = xp.full(size, 4.0)
    side = -xp.ones(size - 1)
    idx = xp.arange(1, size)
    side[(idx % n) == 0] = 0.0  # no coupling across grid rows
    far = -xp.ones(size - n)
    a = sp.diags([far, side, main, side, far], [-n, -1, 0, 1, n], shape=(size, size), format="csr")
    a.sort_indices()
    return a


def stencil(xp, spla, n):
    def matvec(v):
        x = v.reshape(n, n)
        y = 4.0 * x
        y[1:, :] -= x[:-1, :]
        y[:-1, :] -= x[1:, :]
        y[:, 1:] -= x[:, :-1]
        y[:, :-1] -= x[:, 1:]
        return y.ravel()
    return spla.LinearOperator((n * n, n * n), matvec=matvec, dtype=xp.float64)


def cg_call(spla, a, b, tol, maxiter, callback):
    params = inspect.signature(spla.cg).parameters
    kw = {"maxiter": maxiter, "callback": callback, "atol": 0.0}
    kw["rtol" if "rtol" in params else "tol"] = tol
    return spla.cg(a, b, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grids", default="1024,2048,4096")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--mode", choices=["fixed", "converge"], default="fixed")
    ap.add_argument("--operator", choices=["csr", "stencil", "both"], default="both")
    ap.add_argument("--backend", choices=["cupy", "scipy"], default="cupy")
    ap.add_argument("--peak-gbs", type=float, default=3000.0)
    ap.add_argument("--csv")
    args = ap.parse_args()
    try:
        xp, sp, spla, sync = load(args.backend)
    except ImportError as e:
        print(f"# {args.backend} not available: {e}", file=sys.stderr)
        return 2
    ops = ["csr", "stencil"] if args.operator == "both" else [args.operator]
    rows = []
    print(f"# CG ({args.backend}) on the 2D Laplacian, mode {args.mode}, best of {args.reps}; "
          f"floor at {args.peak_gbs:.0f} GB/s")
    print(f"{'peer':<8} {'grid':>6} {'operator':<11} {'n':>10} {'nnz':>11} {'iters':>6} {'ms/iter':>9} "
          f"{'MB/iter':>10} {'GB/s':>8} {'x floor':>8} {'rel.res':>10}")
    for grid in [int(g) for g in args.grids.split(",")]:
        n = grid * grid
        a_csr = laplacian(xp, sp, grid)
        b = a_csr @ xp.ones(n)
        bnorm = float(xp.linalg.norm(b))
        for op in ops:
            a = a_csr if op == "csr" else stencil(xp, spla, grid)
            spmv = 12.0 * a_csr.nnz + 4.0 * (n + 1) + 16.0 * n if op == "csr" else 16.0 * n
            nbytes = spmv + 88.0 * n
            tol, maxiter = (1e-30, args.iterations) if args.mode == "fixed" else (1e-8, 100 * grid)
            count = [0]

            def callback(_xk):
                count[0] += 1

            cg_call(spla, a, b, tol, 10, callback)  # warm-up: kernels compiled and cached
            best = float("inf")
            x = None
            for _ in range(args.reps):
                count[0] = 0
                sync()
                t0 = time.perf_counter()
                x, _info = cg_call(spla, a, b, tol, maxiter, callback)
                sync()
                t1 = time.perf_counter()
                best = min(best, (t1 - t0) * 1e3 / max(1, count[0]))
            rel = float(xp.linalg.norm(b - a_csr @ x)) / bnorm
            gbs = nbytes / (best * 1e-3) / 1e9
            floor_ms = nbytes / (args.peak_gbs * 1e9) * 1e3
            nnz = a_csr.nnz if op == "csr" else 0
            rows.append((args.backend, grid, op, n, nnz, count[0], best, nbytes, gbs, best / floor_ms, rel))
            print(f"{args.backend:<8} {grid:>6} {op:<11} {n:>10} {nnz:>11} {count[0]:>6} {best:>9.4f} "
                  f"{nbytes / 1e6:>10.1f} {gbs:>8.1f} {best / floor_ms:>8.2f} {rel:>10.3e}", flush=True)
    if args.csv:
        with open(args.csv, "w") as f:
            f.write("peer,grid,operator,n,nnz,iterations,ms_per_iteration,bytes_per_iteration,gbs,floor_ratio,rel_residual\n")
            for r in rows:
                f.write(",".join(str(v) for v in r) + "\n")
        print(f"# wrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
