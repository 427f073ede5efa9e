package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.lu.SupernodalLu;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.Solvers;

/**
 * What {@code --solver auto} means for a dataset: one decision per family and size, made once
 * from the family's first sample (all samples of a family share the pattern and the symmetry),
 * not per sample. The decision table, with per-sample times measured by {@code DatasetBenchmark}
 * (README, "Datasets users can verify"):
 * <pre>
 *                                      n ≤ {@value #DIRECT_LIMIT} (2D grids to ~500²)   larger
 *   symmetric, positive diagonal       cholesky                                     CG + IC(0)
 *   (darcy, poisson, helmholtz k ≤ 1, heat, thermal)
 *   otherwise (convdiff, *-skr)        supernodal-lu from n = 10 000 when the       GMRES + ILU(0)
 *                                      pattern is symmetric, else lu
 * </pre>
 * 3D families ({@link PdeFamily#dimension()} 3, e.g. {@code darcy3d}) are never factorised;
 * symmetric ones get CG + IC(0) at every size, others GMRES + ILU(0). Measured by
 * {@code bench.Darcy3dBenchmark} (one thread, thread CPU ms per sample, rtol 1e-8; README,
 * "Datasets users can verify"): at 16³/32³/48³/64³/96³/128³/160³ cells CG + IC(0) takes
 * 1.9/24/147/479/2462/7389/18006 ms, CG + AMG with its aggregates kept along the samples
 * ({@code --precond amg}) 6.1/60/303/632/2536/8184/19665 ms, and Cholesky analysed once (nested
 * dissection) 8.6/459/9400 ms at 16³/32³/48³ (a 3D factor fills O(n^{4/3})). AMG needs 8–14
 * iterations against IC(0)'s 23–237 (growing as 1/h) and its cycles cost half of IC(0)'s
 * iterations at 160³, but its set-up, dominated by the Galerkin product R·A·P, grows faster
 * than n and keeps it 3–10 % behind from 96³ to 160³; so auto does not pick it.
 * A direct solver analyses the pattern once per worker and only factorises per sample
 * ({@link SampleSolvers}); a sample on which Cholesky meets a non-positive pivot (symmetric but
 * indefinite, possible for helmholtz with a small K) is solved again by LDLᵀ. The direct solvers
 * come from the registry (the {@code auto} module is always on the datasets' class path).
 * IC(0)-PCG beat unpreconditioned GMRES (the old default) by 5–20× per sample and sorted GCRO-DR
 * recycling on these families, so SKR is not chosen automatically (ask for it with
 * {@code --solver gcrodr}). An explicit {@code --precond} with {@code auto} keeps the
 * preconditioner and lets only the method follow the matrix.
 */
public final class DatasetAuto {
    /** Largest n for which auto factorises: 2D grid factors stay small (fill ~ n log n). */
    public static final int DIRECT_LIMIT = 300_000;

    /** Smallest n for which an unsymmetric, structurally symmetric family gets the supernodal LU. */
    public static final int SUPERNODAL_LU_MIN = 10_000;

    private DatasetAuto() {
    }

    /** The spec {@code auto} stands for on {@code family} at {@code resolution}; other specs unchanged. */
    public static SolverSpec resolve(SolverSpec spec, String family, int resolution) {
        if (!spec.solver().equals("auto")) {
            return spec;
        }
        PdeFamily f = Families.create(family, resolution);
        CsrMatrix a = f.sample(SampleSeeds.of(0L, 0)).a();
        boolean spdLike = a.isSymmetric(1e-12) && positiveDiagonal(a);
        String direct = spdLike ? "cholesky" : unsymmetricDirect(a);
        // a 3D grid's factor fills O(n^(4/3)) and costs O(n²) flops: slower than IC(0)-PCG at every measured size
        if (spec.precond().equals("none") && f.dimension() == 2 && a.rows() <= DIRECT_LIMIT
                && Solvers.names().contains(direct)) {
            return spec.withSolver(direct);
        }
        SolverSpec chosen = spec.withSolver(spdLike ? "cg" : "gmres");
        return spec.precond().equals("none") ? chosen.withPrecond(spdLike ? "ic0" : "ilu0") : chosen;
    }

    /**
     * The supernodal LU for a structurally symmetric pattern from {@value #SUPERNODAL_LU_MIN} unknowns
     * (convdiff 128²: 13.8 ms per sample against SparseLu's 16.3 and PETSc's 16.3; 256²: 72 against 161
     * and 135); below, its supernodes are too small for the dense kernels (64²: 3.0 against 2.2 ms),
     * so SparseLu stays.
     */
    private static String unsymmetricDirect(CsrMatrix a) {
        boolean supernodal = a.rows() >= SUPERNODAL_LU_MIN && Solvers.names().contains("supernodal-lu")
                && SupernodalLu.structurallySymmetric(a);
        return supernodal ? "supernodal-lu" : "lu";
    }

    private static boolean positiveDiagonal(CsrMatrix a) {
        for (double d : a.diagonal()) {
            if (!(d > 0.0)) {
                return false;
            }
        }
        return true;
    }
}
