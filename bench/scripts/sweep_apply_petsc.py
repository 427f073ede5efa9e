# Per-apply process CPU time of PETSc's PCApply (icc, ilu, sor) on the 2D 5-point and 3D 7-point
# Laplacians, the peer of io.krylovforge.bench.SweepApplyBenchmark (same matrices, same grid names):
#   /usr/bin/python3 bench/scripts/sweep_apply_petsc.py [2d-64 3d-16 ...]
# (PETSC_DIR may need setting for petsc4py.) Best of 5 trials after a warm-up, in nanoseconds.
import sys, time
import numpy as np, scipy.sparse as sp
import petsc4py; petsc4py.init(sys.argv[:1])
from petsc4py import PETSc

def lap2d(n):
    t = sp.diags([-1, 4, -1], [-1, 0, 1], shape=(n, n))
    e = sp.diags([-1, -1], [-1, 1], shape=(n, n))
    return (sp.kron(sp.eye(n), t) + sp.kron(e, sp.eye(n))).tocsr()

def lap3d(n):
    t = sp.diags([-1, 6, -1], [-1, 0, 1], shape=(n, n))
    e = sp.diags([-1, -1], [-1, 1], shape=(n, n))
    I = sp.eye(n)
    return (sp.kron(sp.kron(I, I), t) + sp.kron(sp.kron(I, e), I) + sp.kron(sp.kron(e, I), I)).tocsr()

def bench(a, kind):
    a = a.tocsr(); a.sort_indices()
    m = PETSc.Mat().createAIJ(size=a.shape, csr=(a.indptr.astype(PETSc.IntType), a.indices.astype(PETSc.IntType), a.data), comm=PETSc.COMM_SELF)
    m.assemble()
    pc = PETSc.PC().create(comm=PETSc.COMM_SELF)
    pc.setOperators(m); pc.setType(kind); pc.setUp()
    b = m.createVecLeft(); b.setRandom(); x = m.createVecRight()
    n = a.shape[0]
    reps = max(20, int(3e7 / a.nnz))
    for _ in range(reps // 4 + 5): pc.apply(b, x)
    best = 1e30
    for _ in range(5):
        t0 = time.process_time()
        for _ in range(reps): pc.apply(b, x)
        best = min(best, (time.process_time() - t0) / reps)
    return best * 1e9

cases = [("2d", s) for s in (32, 64, 128, 256, 512, 1024)] + [("3d", s) for s in (16, 24, 32, 48)]
if len(sys.argv) > 1:
    cases = [(c[:2], int(c[3:])) for c in sys.argv[1:]]
for dim, s in cases:
    a = lap2d(s) if dim == "2d" else lap3d(s)
    row = [bench(a, k) for k in ("icc", "ilu", "sor")]
    print(f"{dim}-{s:<5} n={a.shape[0]:<8d}  icc {row[0]:.0f} ns  ilu {row[1]:.0f} ns  sor {row[2]:.0f} ns", flush=True)
