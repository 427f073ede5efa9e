package io.krylovforge.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * y = A·x over rows of a {@link DiagonalStorage} block with JDK Vector API lanes: each lane is
 * one row, summed over the diagonals in ascending column order from 0.0, as the CSR loop sums
 * it. Only loaded when {@link Simd#enabled()}: the class links against the incubator module.
 *
 * <p>Why not plain loops: the JIT does not vectorise {@code y[i] = Σ v[i]·x[i+o]} because it
 * cannot rule out that {@code y} and {@code x} are one array shifted by {@code o}.
 */
final class SimdDiagonalProduct {
    /**
     * 256-bit lanes even where the CPU offers 512: on the machines measured, 512-bit lanes were
     * no faster on these memory-bound rows and leave longer scalar tails.
     */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 256
            ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;

    private SimdDiagonalProduct() {
    }

    static int bits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * Rows {@code [a, e)} (inside the storage's rows) in whole vectors; returns the first row
     * not done, which the caller finishes with the scalar loop.
     */
    static int multiply(DiagonalStorage s, double[] dv, double[] x, double[] y, int a, int e) {
        int[] off = s.offsets();
        int stride = s.stride();
        int shift = -s.firstRow();
        return switch (off.length) {
            case 5 -> five(off, dv, stride, shift, x, y, a, e);
            case 7 -> seven(off, dv, stride, shift, x, y, a, e);
            default -> any(off, dv, stride, shift, x, y, a, e);
        };
    }

    private static int five(int[] off, double[] dv, int stride, int shift, double[] x, double[] y, int a, int e) {
        final int o0 = off[0];
        final int o1 = off[1];
        final int o2 = off[2];
        final int o3 = off[3];
        final int o4 = off[4];
        int lanes = SPECIES.length();
        int i = a;
        for (; i + lanes <= e; i += lanes) {
            int k = i + shift;
            DoubleVector s = DoubleVector.zero(SPECIES);
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k).mul(DoubleVector.fromArray(SPECIES, x, i + o0)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + stride).mul(DoubleVector.fromArray(SPECIES, x, i + o1)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 2 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o2)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 3 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o3)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 4 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o4)));
            s.intoArray(y, i);
        }
        return i;
    }

    private static int seven(int[] off, double[] dv, int stride, int shift, double[] x, double[] y, int a, int e) {
        final int o0 = off[0];
        final int o1 = off[1];
        final int o2 = off[2];
        final int o3 = off[3];
        final int o4 = off[4];
        final int o5 = off[5];
        final int o6 = off[6];
        int lanes = SPECIES.length();
        int i = a;
        for (; i + lanes <= e; i += lanes) {
            int k = i + shift;
            DoubleVector s = DoubleVector.zero(SPECIES);
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k).mul(DoubleVector.fromArray(SPECIES, x, i + o0)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + stride).mul(DoubleVector.fromArray(SPECIES, x, i + o1)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 2 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o2)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 3 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o3)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 4 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o4)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 5 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o5)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 6 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o6)));
            s.intoArray(y, i);
        }
        return i;
    }

    private static int any(int[] off, double[] dv, int stride, int shift, double[] x, double[] y, int a, int e) {
        int lanes = SPECIES.length();
        int nd = off.length;
        int i = a;
        for (; i + lanes <= e; i += lanes) {
            int k = i + shift;
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int d = 0; d < nd; d++) {
                s = s.add(DoubleVector.fromArray(SPECIES, dv, k + d * stride)
                        .mul(DoubleVector.fromArray(SPECIES, x, i + off[d])));
            }
            s.intoArray(y, i);
        }
        return i;
    }
}
