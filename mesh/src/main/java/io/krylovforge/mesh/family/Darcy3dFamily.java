package io.krylovforge.mesh.family;

import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.grid.CellCentredSystem3d;
import io.krylovforge.mesh.grid.FiniteVolume3d;
import java.util.SplittableRandom;

/**
 * Darcy flow −∇·(K∇u) = 1 on the unit cube, u = 0 on the boundary: the 3D counterpart of
 * {@link DarcyFamily}. K = exp(GRF) per cell with the 3D FNO sampler
 * ({@link GaussianRandomField3d}, α = 2.5, τ = 7) on n×n×n cells, discretised by cell-centred
 * finite volumes with harmonic-mean face coefficients ({@link FiniteVolume3d}, 7-point stencil):
 * n³ unknowns, symmetric positive definite, one pattern shared by every sample. Parameters (the
 * sort key and the dataset input): the n×n×n field K, x fastest; the solution has the same
 * shape.
 */
public final class Darcy3dFamily implements PdeFamily {
    private final int n;
    private final GaussianRandomField3d grf;
    private final FiniteVolume3d assembler;

    /**
     * The family on n×n×n cells.
     *
     * @param cellsPerSide n ≥ 2
     */
    public Darcy3dFamily(int cellsPerSide) {
        checkMemory(cellsPerSide);
        this.n = cellsPerSide;
        this.assembler = new FiniteVolume3d(cellsPerSide);
        this.grf = GaussianRandomField3d.fno(cellsPerSide);
    }

    /**
     * Bytes one sample needs at c cells per side, about 200 c³: the shared pattern (8 c³ ints),
     * the field and its work arrays (4 c³ doubles), a sample's values (7 c³ doubles, copied
     * once) and right-hand side.
     *
     * @param cellsPerSide c
     * @return the estimate in bytes
     */
    public static long bytesNeeded(int cellsPerSide) {
        long cells = (long) cellsPerSide * cellsPerSide * cellsPerSide;
        return cells * (8L * 4 + 4L * 8 + 2L * 7 * 8 + 2L * 8);
    }

    /** Refuses a size whose sample cannot fit the heap, before anything is allocated. */
    private static void checkMemory(int c) {
        long max = Runtime.getRuntime().maxMemory();
        if (c >= 2 && bytesNeeded(c) > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "darcy3d with %d cells per side needs about %.0f MiB per sample but the Java heap is at most"
                            + " %.0f MiB (lower the resolution or raise -Xmx)", c, bytesNeeded(c) / 1048576.0,
                    max / 1048576.0));
        }
    }

    @Override
    public String name() {
        return "darcy3d";
    }

    @Override
    public int size() {
        return n * n * n;
    }

    @Override
    public boolean fixedMatrix() {
        return false;
    }

    @Override
    public boolean symmetric() {
        return true;
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        double[] k = grf.sample(random);
        for (int p = 0; p < k.length; p++) {
            k[p] = Math.exp(k[p]);
        }
        CellCentredSystem3d sys = assembler.assemble(k, ScalarField.constant(1.0));
        return new PdeInstance(name(), -1, sys.a(), sys.b(), k, new int[] {n, n, n}, sys);
    }
}
