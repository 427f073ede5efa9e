package io.krylovforge.learned.gpu;

import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.TwoLevelSystem;

/**
 * The device-neutral launch plan of {@link NeuralPoissonNet#forward} for one
 * {@link TwoLevelSystem}, used by {@link DeviceNeuralPoissonNet}:
 * the arrays to upload once per system (A, P and Pᵀ in CSR, b, 1/diag A) and the per-stage weight
 * offsets. Pᵀ is built here by a stable transpose (rows of Pᵀ list i ascending), so the device's
 * Pᵀr sums each coarse entry in the order the host's scatter adds it.
 *
 * <p>One forward on a device is, per block l = 0 … L−1 (L = {@link NeuralPoissonNet#blocks}):
 * <pre>
 *   smoother stage 2l:   z = D⁻¹(b − A u); ss = zᵀz (deterministic two-stage reduction, host adds
 *                        the partials); s = √(ss/n); y = D⁻¹ A z; u += s·δ(z/s, y/s)   (skipped if s = 0)
 *   coarse correction:   r = b − A u; y_c = Pᵀ r; copy y_c to the host; y_c ← A_c⁻¹ y_c
 *                        ({@link TwoLevelSystem#coarseSolve}); copy back; u += P y_c
 *   smoother stage 2l+1
 * </pre>
 * The coarse solve runs on the host: it is two dense triangular solves, 2·n_c dependent steps
 * (n_c ≈ n/7 aggregates), which on a device would be one work-group with a barrier per step; on
 * the host it is n_c² multiply-adds (about 1 ms at n_c = 1000) on a factor that already lives
 * there, and only n_c doubles cross the bus each way. It also keeps the coarse solve bit-identical
 * to the host's.
 */
public final class NeuralPoissonPlan {
    private final int n;
    private final int nc;
    private final int hidden;
    private final int stages;
    private final int[] aPtr;
    private final int[] aCol;
    private final double[] aVal;
    private final double[] b;
    private final double[] invDiag;
    private final int[] pPtr;
    private final int[] pCol;
    private final double[] pVal;
    private final int[] rPtr;
    private final int[] rCol;
    private final double[] rVal;

    /** Plans {@code net} (its sizes; weights are read by the evaluators) on {@code system}. */
    public NeuralPoissonPlan(NeuralPoissonNet net, TwoLevelSystem system) {
        TwoLevelSystem.Operators o = system.operators();
        this.n = o.n();
        this.nc = o.coarseSize();
        this.hidden = net.hidden();
        this.stages = 2 * net.blocks();
        this.aPtr = o.aPtr();
        this.aCol = o.aCol();
        this.aVal = o.aVal();
        this.b = o.b();
        this.invDiag = o.invDiag();
        this.pPtr = o.pPtr();
        this.pCol = o.pCol();
        this.pVal = o.pVal();
        // Pᵀ (nc × n), stable: within a row, i ascending, as the host's scatter y[c] += P_ic r_i adds
        int nnz = pPtr[n];
        int[] ptr = new int[nc + 1];
        for (int k = 0; k < nnz; k++) {
            ptr[pCol[k] + 1]++;
        }
        for (int c = 0; c < nc; c++) {
            ptr[c + 1] += ptr[c];
        }
        int[] next = java.util.Arrays.copyOf(ptr, nc);
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        for (int i = 0; i < n; i++) {
            for (int k = pPtr[i]; k < pPtr[i + 1]; k++) {
                int dst = next[pCol[k]]++;
                col[dst] = i;
                val[dst] = pVal[k];
            }
        }
        this.rPtr = ptr;
        this.rCol = col;
        this.rVal = val;
    }

    /** Offset of smoother stage {@code stage}'s weights (a₁, a₂, W₁ as [k][2], w₂) in the parameter array. */
    public int stageOffset(int stage) {
        if (stage < 0 || stage >= stages) {
            throw new IndexOutOfBoundsException("stage " + stage + " of " + stages);
        }
        return stage * (NeuralPoissonNet.INPUTS + NeuralPoissonNet.INPUTS * hidden + hidden);
    }

    public int size() {
        return n;
    }

    public int coarseSize() {
        return nc;
    }

    public int hidden() {
        return hidden;
    }

    /** Smoother stages, 2 per block. */
    public int stages() {
        return stages;
    }

    public int[] aPtr() {
        return aPtr;
    }

    public int[] aCol() {
        return aCol;
    }

    public double[] aVal() {
        return aVal;
    }

    public double[] b() {
        return b;
    }

    public double[] invDiag() {
        return invDiag;
    }

    /** P (n × n_c) in CSR. */
    public int[] pPtr() {
        return pPtr;
    }

    public int[] pCol() {
        return pCol;
    }

    public double[] pVal() {
        return pVal;
    }

    /** Pᵀ (n_c × n) in CSR (the restriction). */
    public int[] rPtr() {
        return rPtr;
    }

    public int[] rCol() {
        return rCol;
    }

    public double[] rVal() {
        return rVal;
    }

    /** Floating-point operations of one forward (2 per multiply-add, tanh counted as one). */
    public long flops() {
        long annz = aPtr[n];
        long pnnz = pPtr[n];
        long smoother = 2 * annz + 2 * annz + 2L * n + n * (6L + 5L * hidden);
        long coarse = 2 * annz + 4 * pnnz + 2L * nc * nc + n;
        return stages * smoother + (stages / 2) * coarse;
    }
}
