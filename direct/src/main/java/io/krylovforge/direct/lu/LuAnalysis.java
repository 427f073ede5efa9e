package io.krylovforge.direct.lu;

import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;

/**
 * The pattern-only half of a sparse LU: the column order and the fill estimate.
 *
 * <p>Two strategies, as UMFPACK chooses between them: when the pattern is mostly symmetric and
 * the diagonal is structurally zero-free, the columns are ordered by minimum degree on A+Aᵀ and
 * the factorisation prefers the diagonal pivot (the "symmetric" strategy, which keeps the fill
 * of a Cholesky factor; the module's {@link Ordering#amd()}); otherwise the columns are ordered by AMD on an explicitly formed AᵀA graph (dense rows of A left out) and
 * rows pivot freely. {@link LuColumnOrder#COLAMD} orders the columns on A's pattern instead
 * ({@link ColumnMinimumDegree}, AᵀA never formed); measured against AᵀA-AMD on the corpus and
 * convection–diffusion 128²/256² (bench/results/direct-lu.md) it gave 5–20 % more fill on the
 * larger matrices, so AᵀA-AMD stays the default. The fill estimate is the
 * Cholesky factor of the ordered graph: exact for L and U when diagonal pivots are kept, and an
 * upper bound on each of L and U (George and Ng) for the AᵀA graph.
 *
 * @param columnOrder     column {@code columnOrder[k]} of A is eliminated at step k
 * @param symmetric       whether the symmetric strategy was chosen
 * @param factorNonzeros  estimated stored entries of L and U together
 * @param flops           estimated floating-point operations of one factorisation
 */
record LuAnalysis(int[] columnOrder, boolean symmetric, long factorNonzeros, double flops) {

    /** Pattern symmetry (matched off-diagonal entries / off-diagonal entries) above which A+Aᵀ is ordered. */
    static final double SYMMETRIC_STRATEGY_RATIO = 0.5;

    static LuAnalysis of(int n, int[] rowPtr, int[] colIdx) {
        return of(n, rowPtr, colIdx, LuColumnOrder.AUTO);
    }

    static LuAnalysis of(int n, int[] rowPtr, int[] colIdx, LuColumnOrder choice) {
        int offDiagonal = 0;
        int matched = 0;
        int diagonals = 0;
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                if (j == i) {
                    diagonals++;
                    continue;
                }
                offDiagonal++;
                if (contains(rowPtr, colIdx, j, i)) {
                    matched++;
                }
            }
        }
        boolean symmetric = choice == LuColumnOrder.SYMMETRIC || (choice == LuColumnOrder.AUTO
                && diagonals == n && (offDiagonal == 0 || matched >= SYMMETRIC_STRATEGY_RATIO * offDiagonal));
        if (choice == LuColumnOrder.COLAMD) {
            ColumnMinimumDegree colamd = ColumnMinimumDegree.of(n, rowPtr, colIdx);
            long lnz = colamd.factorNonzeros();
            return new LuAnalysis(colamd.columnOrder(), false, 2 * (lnz - n) + n, 2 * colamd.flops());
        }
        SymmetricPattern graph;
        if (symmetric) {
            graph = SymmetricPattern.of(n, rowPtr, colIdx);
        } else {
            int[][] normal = SymmetricGraphs.normalEquations(n, rowPtr, colIdx);
            graph = SymmetricPattern.of(n, normal[0], normal[1]);
        }
        int[] order = Ordering.amd().order(graph);
        long[] counts = CholeskyCounts.of(n, graph.pointers(), graph.indices(), order);
        long lnz = counts[0];
        double flops = Double.longBitsToDouble(counts[1]);
        // L and U each hold the strict triangle of the Cholesky pattern; U adds the diagonal.
        long factorNonzeros = 2 * (lnz - n) + n;
        return new LuAnalysis(order, symmetric, factorNonzeros, 2 * flops);
    }

    private static boolean contains(int[] rowPtr, int[] colIdx, int row, int col) {
        int lo = rowPtr[row];
        int hi = rowPtr[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = colIdx[mid];
            if (c < col) {
                lo = mid + 1;
            } else if (c > col) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Bytes of the numeric factors: a double and an int per entry, plus per-column arrays. */
    long memoryBytes(int n) {
        return factorNonzeros * 12L + (long) n * 40L;
    }
}
