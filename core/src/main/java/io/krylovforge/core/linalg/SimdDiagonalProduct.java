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
 *
 * <p>Each kernel is kept above the JIT's inlining limit for hot methods (325 bytes of bytecode):
 * compiled on its own, its Vector API calls are always intrinsified. A small SIMD kernel inlined
 * into a deep caller was now and then left with boxed vectors (seen with a SIMD dot product).
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
        return off.length == 5 ? five(off, dv, stride, shift, x, y, a, e) : seven(off, dv, stride, shift, x, y, a, e);
    }

    private static int five(int[] off, double[] dv, int stride, int shift, double[] x, double[] y, int a, int e) {
        final int o0 = off[0];
        final int o1 = off[1];
        final int o2 = off[2];
        final int o3 = off[3];
        final int o4 = off[4];
        int lanes = SPECIES.length();
        int i = a;
        // two vectors of rows per step: independent sums overlap, and the method stays too big for
        // the JIT to inline it into a caller (see the class comment)
        for (; i + 2 * lanes <= e; i += 2 * lanes) {
            int k = i + shift;
            int j = i + lanes;
            int m = k + lanes;
            DoubleVector s = DoubleVector.zero(SPECIES);
            DoubleVector t = DoubleVector.zero(SPECIES);
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k).mul(DoubleVector.fromArray(SPECIES, x, i + o0)));
            t = t.add(DoubleVector.fromArray(SPECIES, dv, m).mul(DoubleVector.fromArray(SPECIES, x, j + o0)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + stride).mul(DoubleVector.fromArray(SPECIES, x, i + o1)));
            t = t.add(DoubleVector.fromArray(SPECIES, dv, m + stride).mul(DoubleVector.fromArray(SPECIES, x, j + o1)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 2 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o2)));
            t = t.add(DoubleVector.fromArray(SPECIES, dv, m + 2 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, j + o2)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 3 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o3)));
            t = t.add(DoubleVector.fromArray(SPECIES, dv, m + 3 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, j + o3)));
            s = s.add(DoubleVector.fromArray(SPECIES, dv, k + 4 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, i + o4)));
            t = t.add(DoubleVector.fromArray(SPECIES, dv, m + 4 * stride)
                    .mul(DoubleVector.fromArray(SPECIES, x, j + o4)));
            s.intoArray(y, i);
            t.intoArray(y, j);
        }
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
}
