package io.krylovforge.precond.amg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import org.junit.jupiter.api.Test;

class CoarseCholeskyTest {

    private static SolveResult pcg(CsrMatrix a, SmoothedAggregationAmg amg) {
        DenseVector b = DenseVector.wrap(a.multiply(DenseVector.ones(a.rows()).data()));
        DenseVector x = DenseVector.zeros(a.rows());
        return new ConjugateGradient().solve(a, b, x,
                SolverOptions.defaults().withRtol(1e-10).withPreconditioner(amg));
    }

    @Test
    void sparseCholeskyCoarseSolveKeepsTheIterationCountsOfDenseLu() {
        for (int levels : new int[] {2, 3}) {
            CsrMatrix a = Stencils.laplacian2d(60, 60);
            SmoothedAggregationAmg sparse = SmoothedAggregationAmg.builder().maxLevels(levels).build();
            SmoothedAggregationAmg dense = SmoothedAggregationAmg.builder().maxLevels(levels)
                    .denseCoarse().build();
            SolveResult rs = pcg(a, sparse);
            SolveResult rd = pcg(a, dense);
            assertTrue(rs.converged() && rd.converged());
            assertTrue(sparse.hierarchy().coarseSolver().startsWith("sparse Cholesky"),
                    sparse.hierarchy().coarseSolver());
            assertEquals("dense LU", dense.hierarchy().coarseSolver());
            assertEquals(rd.iterations(), rs.iterations(), "levels " + levels);
        }
    }

    @Test
    void largeCoarseGridIsFactorisedInsteadOfSmoothed() {
        // two levels on 150²: the coarse grid (> 2000 unknowns) used to get 20 SGS sweeps
        CsrMatrix a = Stencils.laplacian2d(150, 150);
        SmoothedAggregationAmg sparse = SmoothedAggregationAmg.builder().maxLevels(2).build();
        SmoothedAggregationAmg dense = SmoothedAggregationAmg.builder().maxLevels(2).denseCoarse().build();
        SolveResult rs = pcg(a, sparse);
        SolveResult rd = pcg(a, dense);
        assertTrue(sparse.hierarchy().levels().get(1).a().rows() > Hierarchy.MAX_DENSE_COARSE);
        assertTrue(dense.hierarchy().coarseSolver().contains("Gauss-Seidel"));
        assertTrue(rs.converged());
        assertTrue(rs.iterations() <= rd.iterations(), rs.iterations() + " vs " + rd.iterations());
    }
}
