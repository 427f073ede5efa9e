package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.solvers.SolverSpec;

/**
 * What {@code --solver auto} means for a dataset: one decision per family and size, made once
 * from the family's first sample (all samples of a family share the pattern and the symmetry),
 * not per sample. The decision table, with per-sample times measured by {@code DatasetBenchmark}
 * (README, "Datasets users can verify"):
 * <pre>
 *   symmetric, positive diagonal (darcy, poisson, helmholtz with k ≤ 1, heat, thermal)  CG + IC(0)
 *   otherwise (convdiff, *-skr)                                                           GMRES + ILU(0)
 * </pre>
 * IC(0)-PCG beat unpreconditioned GMRES (the old default) by 5–20× per sample and sorted GCRO-DR
 * recycling on these families, so SKR is not chosen automatically (ask for it with
 * {@code --solver gcrodr}). An explicit {@code --precond} with {@code auto} keeps the
 * preconditioner and lets only the method follow the matrix.
 */
public final class DatasetAuto {
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
        SolverSpec chosen = spec.withSolver(spdLike ? "cg" : "gmres");
        return spec.precond().equals("none") ? chosen.withPrecond(spdLike ? "ic0" : "ilu0") : chosen;
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
