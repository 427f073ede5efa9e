package io.krylovforge.mesh.grid;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.ScalarField;

/**
 * Cell-centred finite volumes for −∇·(K∇u) = f on the unit cube with u = 0 on the boundary:
 * n×n×n cells of width h = 1/n, K constant per cell, the 7-point stencil. The flux through the
 * face between cells P and Q is the harmonic mean 2K_PK_Q/(K_P + K_Q) times (u_P − u_Q) (times
 * h, the face area over the centre distance); through a boundary face it is 2K_P u_P (centre to
 * face is h/2). Rows are divided by h, as the 2D families' grid rows are scaled, so A has the
 * face coefficients as entries and b = h²f at the cell centres.
 *
 * <p>A is symmetric (the harmonic mean is symmetric in P and Q), weakly diagonally dominant with
 * strict dominance in boundary cells and irreducible, hence positive definite for K &gt; 0.
 * Unknown (i, j, k) is i + n(j + n k), x fastest (the numbering of
 * {@code direct.ordering.GridShape}). The pattern is built once per assembler; every assembled
 * matrix shares its index arrays, so only the values differ between samples.
 *
 * <p>Reference: Eymard, Gallouët, Herbin, Finite Volume Methods (2000), §3 (two-point flux,
 * harmonic averaging for discontinuous K).
 */
public final class FiniteVolume3d {
    private final int n;
    private final CsrMatrix pattern;

    /**
     * An assembler for n×n×n cells.
     *
     * @param cellsPerSide n ≥ 2
     */
    public FiniteVolume3d(int cellsPerSide) {
        if (cellsPerSide < 2) {
            throw new IllegalArgumentException("3D finite volumes need >= 2 cells per side, got " + cellsPerSide);
        }
        if ((long) cellsPerSide * cellsPerSide * cellsPerSide * 7 > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("3D finite volumes with " + cellsPerSide
                    + " cells per side exceed one Java array (7 n^3 entries)");
        }
        this.n = cellsPerSide;
        this.pattern = buildPattern(cellsPerSide);
    }

    /** {@return the cells per side n} */
    public int cellsPerSide() {
        return n;
    }

    /** {@return the number of cells (unknowns), n³} */
    public int size() {
        return n * n * n;
    }

    private static CsrMatrix buildPattern(int n) {
        int cells = n * n * n;
        int nn = n * n;
        int[] rowPtr = new int[cells + 1];
        int[] col = new int[7 * cells];
        int p = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int c = i + n * (j + n * k);
                    rowPtr[c] = p;
                    // ascending columns: −z, −y, −x, diagonal, +x, +y, +z
                    if (k > 0) {
                        col[p++] = c - nn;
                    }
                    if (j > 0) {
                        col[p++] = c - n;
                    }
                    if (i > 0) {
                        col[p++] = c - 1;
                    }
                    col[p++] = c;
                    if (i < n - 1) {
                        col[p++] = c + 1;
                    }
                    if (j < n - 1) {
                        col[p++] = c + n;
                    }
                    if (k < n - 1) {
                        col[p++] = c + nn;
                    }
                }
            }
        }
        rowPtr[cells] = p;
        return CsrMatrix.of(cells, cells, rowPtr, java.util.Arrays.copyOf(col, p), new double[p]);
    }

    /**
     * Assembles the system for the cell coefficients {@code kappa} and source {@code f}.
     *
     * @param kappa K per cell, n³ positive values, x fastest
     * @param f     the source, evaluated at the cell centres
     * @return A u = b on the cells
     */
    public CellCentredSystem3d assemble(double[] kappa, ScalarField f) {
        int cells = size();
        if (kappa.length != cells) {
            throw new IllegalArgumentException("K has " + kappa.length + " values, expected " + cells
                    + " (" + n + "^3 cells)");
        }
        int nn = n * n;
        double h = 1.0 / n;
        double[] val = new double[pattern.nnz()];
        double[] b = new double[cells];
        int p = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int c = i + n * (j + n * k);
                    double kc = kappa[c];
                    if (!(kc > 0.0) || kc == Double.POSITIVE_INFINITY) {
                        throw new IllegalArgumentException("K must be positive and finite; cell (" + i + ", "
                                + j + ", " + k + ") has " + kc);
                    }
                    double zm = k > 0 ? face(kc, kappa[c - nn]) : 2.0 * kc;
                    double ym = j > 0 ? face(kc, kappa[c - n]) : 2.0 * kc;
                    double xm = i > 0 ? face(kc, kappa[c - 1]) : 2.0 * kc;
                    double xp = i < n - 1 ? face(kc, kappa[c + 1]) : 2.0 * kc;
                    double yp = j < n - 1 ? face(kc, kappa[c + n]) : 2.0 * kc;
                    double zp = k < n - 1 ? face(kc, kappa[c + nn]) : 2.0 * kc;
                    // same entry order as buildPattern
                    if (k > 0) {
                        val[p++] = -zm;
                    }
                    if (j > 0) {
                        val[p++] = -ym;
                    }
                    if (i > 0) {
                        val[p++] = -xm;
                    }
                    val[p++] = xm + xp + ym + yp + zm + zp;
                    if (i < n - 1) {
                        val[p++] = -xp;
                    }
                    if (j < n - 1) {
                        val[p++] = -yp;
                    }
                    if (k < n - 1) {
                        val[p++] = -zp;
                    }
                    b[c] = h * h * f.value((i + 0.5) * h, (j + 0.5) * h, (k + 0.5) * h);
                }
            }
        }
        return new CellCentredSystem3d(n, pattern.withValues(val), b);
    }

    /** Harmonic mean of two cell coefficients: the face conductance of a two-point flux. */
    private static double face(double kp, double kq) {
        return 2.0 * kp * kq / (kp + kq);
    }
}
