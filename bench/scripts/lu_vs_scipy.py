"""SciPy peer for LuBenchmark: spsolve (SuperLU, COLAMD) on the same Matrix Market files.

Usage: python3 lu_vs_scipy.py convdiff_128.mtx ...   (prints one CSV row per file)
first  = spsolve(A, b) (ordering + factorisation + solve), best of 5;
repeat = splu(A) + solve with the same options, best of 5 (SciPy keeps no analysis between calls).
"""
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse as sp
import scipy.sparse.linalg as sla

print("matrix,n,scipy_spsolve_ms,scipy_spsolve_cpu_ms,scipy_splu_solve_ms,scipy_splu_solve_cpu_ms,nnz(L+U),rel_residual")
for path in sys.argv[1:]:
    a = sp.csc_matrix(scipy.io.mmread(path))
    n = a.shape[0]
    b = a @ np.ones(n)
    first = first_cpu = 1e300
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.thread_time()
        sla.spsolve(a, b)
        first = min(first, time.perf_counter() - t0)
        first_cpu = min(first_cpu, time.thread_time() - c0)
    best = best_cpu = 1e300
    nnz = 0
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.thread_time()
        f = sla.splu(a)
        x = f.solve(b)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.thread_time() - c0)
        nnz = f.L.nnz + f.U.nnz - n
    rel = np.linalg.norm(b - a @ x) / np.linalg.norm(b)
    name = path.rsplit("/", 1)[-1].removesuffix(".mtx")
    print(f"{name},{n},{first * 1e3:.1f},{first_cpu * 1e3:.1f},{best * 1e3:.1f},{best_cpu * 1e3:.1f},{nnz},{rel:.1e}")
