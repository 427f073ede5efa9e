package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.direct.dense.DenseLu;
import java.util.Arrays;

/**
 * Block-Jacobi preconditioning with contiguous diagonal blocks of size {@code bs} (the last one
 * may be smaller): M = blockdiag(A₁₁, A₂₂, ...), each block factorised by dense LU with partial
 * pivoting ({@link DenseLu}).
 *
 * <p>Requirements: a {@link io.krylovforge.core.linalg.CsrMatrix} with nonsingular diagonal
 * blocks (a singular block throws {@link PreconditionerFailedException} naming the row). For SPD
 * A every block is SPD, so M is SPD and may precondition CG. Block size 1 is plain Jacobi.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §12.2.
 */
public final class BlockJacobi implements Preconditioner {
    private final int blockSize;
    private LinearOperator last;
    private DenseLu[] blocks;
    private double[] work;
    private int n = -1;

    /**
     * Blocks of {@code blockSize} ≥ 1 consecutive rows.
     *
     * @param blockSize rows per block, ≥ 1
     */
    public BlockJacobi(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be >= 1, got " + blockSize);
        }
        this.blockSize = blockSize;
    }

    /**
     * Rows per diagonal block.
     *
     * @return rows per block
     */
    public int blockSize() {
        return blockSize;
    }

    @Override
    public void setUp(LinearOperator a) {
        if (a == last) {
            return;
        }
        CsrMatrix m = PreconditionerSupport.requireSquareCsr(a, "block-jacobi");
        final int size = m.rows();
        final int[] ptr = m.rowPtr();
        final int[] col = m.colIdx();
        final double[] val = m.values();
        int count = (size + blockSize - 1) / blockSize;
        DenseLu[] lus = new DenseLu[count];
        double[] dense = new double[blockSize * blockSize];
        for (int b = 0; b < count; b++) {
            int first = b * blockSize;
            int bs = Math.min(blockSize, size - first);
            Arrays.fill(dense, 0, bs * bs, 0.0);
            for (int i = 0; i < bs; i++) {
                for (int k = ptr[first + i], end = ptr[first + i + 1]; k < end; k++) {
                    int j = col[k] - first;
                    if (j >= 0 && j < bs) {
                        dense[i * bs + j] = val[k]; // A_bb(i, j)
                    }
                }
            }
            lus[b] = new DenseLu(bs, dense, first);
        }
        blocks = lus;
        work = new double[blockSize];
        n = size;
        last = a;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("block-jacobi", n, rr, zz);
        final DenseLu[] lus = blocks;
        for (int b = 0, count = lus.length; b < count; b++) {
            int off = b * blockSize;
            lus[b].solve(rr, off, zz, off, work); // z_b = A_bb^-1 r_b
        }
    }

    @Override
    public String name() {
        return "block-jacobi";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
