#!/usr/bin/env python3
"""PETSc peers for the darcy3d rows of the `--solver auto` decision table, on the samples of a
shard written by `kforge generate --family darcy3d --store-matrix` (one process, so the times
are comparable with a single KrylovForge worker):

  /usr/bin/python3 darcy3d_peers.py SHARD [--rounds 3] [--methods cholesky-nd,cg+gamg,...]

Methods (rtol 1e-8 on the unpreconditioned residual, as KrylovForge's CG; zero initial guess):
  cholesky-nd    KSPPREONLY + PCCHOLESKY, nested dissection; one Mat whose values are replaced
                 per sample, so PCSetUp redoes only the numeric factorisation (symbolic reuse)
  cg+gamg        CG + GAMG, a fresh PC per sample
  cg+gamg-reuse  CG + GAMG with -pc_gamg_reuse_interpolation (prolongators kept along the samples,
                 Galerkin products recomputed: the analogue of our AMG hierarchy reuse)
  cg+icc0        CG + ICC(0)

Prints one JSON line per method: ms_per_sample (process CPU time, min over rounds), mean
iterations, worst recomputed relative residual.
"""
import argparse
import json
import time

import numpy as np


def samples(path):
    z = np.load(path)
    off = z["matrix_offsets"]
    out = []
    for j in range(len(off) - 1):
        indptr = z["matrix_indptr"][j].astype(np.int32)
        lo, hi = off[j], off[j + 1]
        out.append((indptr, z["matrix_indices"][lo:hi].astype(np.int32), z["matrix_data"][lo:hi].copy(),
                    z["rhs"][j].ravel().astype(np.float64)))
    return out


def run(method, systems, PETSc):
    n = len(systems[0][3])
    indptr, cols, vals, _ = systems[0]
    a = PETSc.Mat().createAIJ(size=(n, n), csr=(indptr, cols, vals))
    a.setOption(PETSc.Mat.Option.SPD, True)
    b = PETSc.Vec().createSeq(n)
    x = PETSc.Vec().createSeq(n)
    opts = PETSc.Options()
    ksp = None
    its, worst = 0, 0.0
    t = time.process_time()
    for (ip, ci, va, rhs) in systems:
        a.setValuesCSR(ip, ci, va)
        a.assemble()
        b.setArray(rhs)
        x.set(0.0)
        if ksp is None or method == "cg+gamg":
            ksp = PETSc.KSP().create()
            ksp.setOperators(a)
            pc = ksp.getPC()
            if method == "cholesky-nd":
                ksp.setType("preonly")
                pc.setType("cholesky")
                pc.setFactorOrdering("nd")
            else:
                ksp.setType("cg")
                ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED)
                ksp.setTolerances(rtol=1e-8, atol=0.0, max_it=5000)
                if method.startswith("cg+gamg"):
                    pc.setType("gamg")
                    if method == "cg+gamg-reuse":
                        opts["pc_gamg_reuse_interpolation"] = "true"
                        pc.setFromOptions()
                        del opts["pc_gamg_reuse_interpolation"]
                else:
                    pc.setType("icc")
        else:
            ksp.setOperators(a)  # same nonzero pattern: numeric set-up only
        ksp.solve(b, x)
        its += ksp.getIterationNumber()
        r = b.duplicate()
        a.mult(x, r)
        r.aypx(-1.0, b)
        worst = max(worst, r.norm() / b.norm())
    secs = time.process_time() - t
    return secs / len(systems) * 1e3, its / len(systems), worst


def main():
    p = argparse.ArgumentParser()
    p.add_argument("shard")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--methods", default="cholesky-nd,cg+gamg,cg+gamg-reuse,cg+icc0")
    args = p.parse_args()
    import petsc4py
    petsc4py.init([])
    from petsc4py import PETSc
    systems = samples(args.shard)
    for method in args.methods.split(","):
        best = None
        for _ in range(args.rounds):
            r = run(method, systems, PETSc)
            best = r if best is None or r[0] < best[0] else best
        print(json.dumps({"method": method, "n": len(systems[0][3]), "samples": len(systems),
                          "ms_per_sample": round(best[0], 2), "iterations": best[1],
                          "max_relative_residual": best[2]}))


if __name__ == "__main__":
    main()
