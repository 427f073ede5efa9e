package io.krylovforge.core.linalg;

/**
 * BLAS-1 kernels on {@code double[]}: dot, norm2, axpy, axpby, scale, copy.
 *
 * <p>Reductions are deterministic: each {@link Parallel#BLOCK} block is summed with eight
 * accumulators (independent adds the CPU can overlap), then block sums are added in order. The same rounding happens on one thread or
 * many. Sizes are checked once at the entry; loops have no checks or allocation inside.
 */
public final class VectorKernels {
    private VectorKernels() {
    }

    /** Returns xᵀy. */
    public static double dot(double[] x, double[] y) {
        int n = x.length;
        requireSameLength(n, y.length);
        return Parallel.sumBlocks(n, (from, to) -> blockDot(x, y, from, to));
    }

    /** Returns ‖x‖₂ (deterministic, as {@link #dot}). */
    public static double norm2(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** y ← a·x + y. */
    public static void axpy(double a, double[] x, double[] y) {
        int n = x.length;
        requireSameLength(n, y.length);
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] += a * x[i];
            }
        });
    }

    /** y ← a·x + b·y (fused: one pass over each vector). */
    public static void axpby(double a, double[] x, double b, double[] y) {
        int n = x.length;
        requireSameLength(n, y.length);
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a * x[i] + b * y[i];
            }
        });
    }

    /** x ← a·x. */
    public static void scale(double a, double[] x) {
        Parallel.forRange(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                x[i] *= a;
            }
        });
    }

    /** y ← x. */
    public static void copy(double[] x, double[] y) {
        requireSameLength(x.length, y.length);
        System.arraycopy(x, 0, y, 0, x.length);
    }

    /**
     * BiCGStab's p ← r + β(p − ω·v) in one pass, with the roundings of {@code axpy(-ω, v, p)}
     * followed by {@code axpby(1, r, β, p)}.
     */
    public static void bicgDirection(double beta, double omega, double[] r, double[] v, double[] p) {
        int n = p.length;
        requireSameLength(n, r.length);
        requireSameLength(n, v.length);
        double minusOmega = -omega;
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                double t = p[i] + minusOmega * v[i]; // p - omega v
                p[i] = 1.0 * r[i] + beta * t; // p = r + beta (p - omega v)
            }
        });
    }

    /**
     * BiCGStab's closing step in one pass over the rows: x ← x + a·p + b·s (as {@link #axpy2}),
     * then r ← r − b·t, and returns the new rᵀr, with {@code rho[0]} = r̂ᵀr of the updated r (the
     * next iteration's ρ). Both sums are summed as {@link #dot} sums them, so everything is
     * bit-identical to {@code axpy2}, {@code axpy(-b, t, r)}, {@code dot(r, r)} and
     * {@code dot(rhat, r)} in turn; s may be r itself (it is read before r is overwritten, block
     * by block). r̂ and r are then read once per iteration instead of twice.
     *
     * @param a    step along p
     * @param p    first direction
     * @param b    step along s, and minus the step along t
     * @param s    second direction (may be r)
     * @param x    updated in place
     * @param t    subtracted from r
     * @param r    updated in place
     * @param rhat the shadow residual r̂
     * @param rho  receives r̂ᵀr in {@code rho[0]} (at least two entries: {@code rho[1]} is scratch)
     * @return rᵀr of the updated r
     */
    public static double bicgUpdate(double a, double[] p, double b, double[] s, double[] x, double[] t,
            double[] r, double[] rhat, double[] rho) {
        int n = x.length;
        requireSameLength(n, p.length);
        requireSameLength(n, s.length);
        requireSameLength(n, t.length);
        requireSameLength(n, r.length);
        requireSameLength(n, rhat.length);
        int blocks = (n + Parallel.BLOCK - 1) / Parallel.BLOCK;
        if (blocks <= 1 || !Parallel.worthForking(n)) {
            double rr = 0.0;
            double rhor = 0.0;
            for (int from = 0; from < n; from += Parallel.BLOCK) {
                int to = Math.min(n, from + Parallel.BLOCK);
                blockBicgUpdate(a, p, b, s, x, t, r, rhat, from, to, rho, 0); // rho as the pair's scratch
                rr += rho[0];
                rhor += rho[1];
            }
            rho[0] = rhor;
            return rr;
        }
        double[] partial = Parallel.borrowScratch(2 * blocks);
        try {
            Parallel.forRange(n, (from, to) -> {
                for (int f = from; f < to; f += Parallel.BLOCK) {
                    blockBicgUpdate(a, p, b, s, x, t, r, rhat, f, Math.min(to, f + Parallel.BLOCK), partial,
                            2 * (f / Parallel.BLOCK));
                }
            });
            double rr = 0.0;
            double rhor = 0.0;
            for (int blk = 0; blk < blocks; blk++) {
                rr += partial[2 * blk];
                rhor += partial[2 * blk + 1];
            }
            rho[0] = rhor;
            return rr;
        } finally {
            Parallel.returnScratch(partial);
        }
    }

    private static void blockBicgUpdate(double a, double[] p, double b, double[] s, double[] x, double[] t,
            double[] r, double[] rhat, int from, int to, double[] dst, int at) {
        // Separate simple loops over a cache-resident block (as blockCgUpdate): each vectorises.
        for (int i = from; i < to; i++) {
            x[i] = (x[i] + a * p[i]) + b * s[i]; // x <- x + alpha phat + omega shat
        }
        double minusB = -b;
        for (int i = from; i < to; i++) {
            r[i] += minusB * t[i]; // r <- s - omega t
        }
        blockDotPair(r, rhat, r, from, to, dst, at, false); // r'r and rhat'r, r loaded once
    }

    /** x ← x + a·p + b·s in one pass, with the roundings of two axpy calls (p first). */
    public static void axpy2(double a, double[] p, double b, double[] s, double[] x) {
        int n = x.length;
        requireSameLength(n, p.length);
        requireSameLength(n, s.length);
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                x[i] = (x[i] + a * p[i]) + b * s[i];
            }
        });
    }

    /**
     * Fused CG update: x ← x + alpha·p, r ← r − alpha·q, and returns the new rᵀr, block by
     * block: the dot reads each block of r while it is still in cache, so memory sees one pass
     * over the four vectors instead of three.
     */
    public static double cgUpdate(double alpha, double[] p, double[] q, double[] x, double[] r) {
        int n = x.length;
        requireSameLength(n, p.length);
        requireSameLength(n, q.length);
        requireSameLength(n, r.length);
        return Parallel.sumBlocks(n, (from, to) -> blockCgUpdate(alpha, p, q, x, r, from, to));
    }

    /**
     * Fused y ← y + a·x, then returns yᵀz with the updated y (z may be y itself): one pass where an
     * axpy and a dot would take two. Sums exactly as {@link #dot} does, so the result is
     * bit-identical to {@code axpy} followed by {@code dot}. Modified Gram–Schmidt chains these.
     */
    public static double axpyDot(double a, double[] x, double[] y, double[] z) {
        int n = x.length;
        requireSameLength(n, y.length);
        requireSameLength(n, z.length);
        return Parallel.sumBlocks(n, (from, to) -> blockAxpyDot(a, x, y, z, from, to));
    }

    /**
     * Fused z ← d∘r (elementwise), then returns rᵀz: a diagonal (Jacobi) preconditioner's apply
     * and PCG's rᵀz in one pass. Sums exactly as {@link #dot} does, so the result is bit-identical
     * to the two separate operations.
     */
    public static double scaleDot(double[] d, double[] r, double[] z) {
        int n = d.length;
        requireSameLength(n, r.length);
        requireSameLength(n, z.length);
        return Parallel.sumBlocks(n, (from, to) -> blockScaleDot(d, r, z, from, to));
    }

    /**
     * Multi-vector dot for classical Gram–Schmidt: {@code out[offset + i] = v[i]ᵀw} for
     * i &lt; count, and returns wᵀw, all in one pass over the rows (w is read once per block, not
     * once per vector). Each result is summed exactly as {@link #dot} sums it, so it is
     * bit-identical to separate dot calls. Parallel over row blocks when the rows pass
     * {@link Parallel#THRESHOLD} (as {@link #multiAxpyNorm}).
     *
     * @param v vectors on the host ({@link DenseVector}); only the first {@code count} are read
     */
    public static double multiDot(Vector[] v, int count, double[] w, double[] out, int offset) {
        int n = w.length;
        for (int i = 0; i < count; i++) {
            requireSameLength(n, v[i].size());
        }
        int blocks = (n + Parallel.BLOCK - 1) / Parallel.BLOCK;
        if (blocks <= 1 || !Parallel.worthForking(n)) { // rows, not rows x vectors: see multiAxpyNorm
            double ww = 0.0;
            double[] pair = Parallel.borrowScratch(2);
            for (int i = 0; i < count; i++) {
                out[offset + i] = 0.0;
            }
            for (int from = 0; from < n; from += Parallel.BLOCK) {
                int to = Math.min(n, from + Parallel.BLOCK);
                int i = 0;
                for (; i + 1 < count; i += 2) {
                    blockDotPair(DenseVector.array(v[i]), DenseVector.array(v[i + 1]), w, from, to, out, offset + i,
                            true);
                }
                if (i < count) { // the odd one out pairs with w itself: w'w in the same pass
                    blockDotPair(DenseVector.array(v[i]), w, w, from, to, pair, 0, false);
                    out[offset + i] += pair[0];
                    ww += pair[1];
                } else {
                    ww += blockDot(w, w, from, to);
                }
            }
            Parallel.returnScratch(pair);
            return ww;
        }
        int stride = count + 1;
        double[] partial = Parallel.borrowScratch(blocks * stride);
        try {
            return forkedMultiDot(v, count, w, out, offset, blocks, stride, partial);
        } finally {
            Parallel.returnScratch(partial);
        }
    }

    private static double forkedMultiDot(Vector[] v, int count, double[] w, double[] out, int offset, int blocks,
            int stride, double[] partial) {
        int n = w.length;
        Parallel.forRange(n, (from, to) -> {
            for (int s = from; s < to; s += Parallel.BLOCK) {
                int e = Math.min(to, s + Parallel.BLOCK);
                int base = (s / Parallel.BLOCK) * stride;
                int i = 0;
                for (; i + 1 < count; i += 2) {
                    blockDotPair(DenseVector.array(v[i]), DenseVector.array(v[i + 1]), w, s, e, partial, base + i,
                            false);
                }
                if (i < count) { // the odd one out pairs with w itself: w'w in the same pass
                    blockDotPair(DenseVector.array(v[i]), w, w, s, e, partial, base + i, false);
                } else {
                    partial[base + count] = blockDot(w, w, s, e);
                }
            }
        });
        double ww = 0.0;
        for (int i = 0; i < count; i++) {
            out[offset + i] = 0.0;
        }
        for (int blk = 0; blk < blocks; blk++) {
            int base = blk * stride;
            for (int i = 0; i < count; i++) {
                out[offset + i] += partial[base + i];
            }
            ww += partial[base + count];
        }
        return ww;
    }

    /**
     * Multi-vector update for classical Gram–Schmidt: w ← w − Σᵢ {@code coef[offset + i]}·v[i]
     * (i &lt; count, applied in order of i, as a sequence of axpy calls would), then returns wᵀw
     * summed as {@link #dot} sums it. One pass over the rows; parallel over row blocks when the
     * rows pass {@link Parallel#THRESHOLD}.
     */
    public static double multiAxpyNorm(Vector[] v, int count, double[] coef, int offset, double[] w) {
        int n = w.length;
        for (int i = 0; i < count; i++) {
            requireSameLength(n, v[i].size());
        }
        // Fork on rows, as the one-vector kernels do, not on rows x vectors: GMRES(40) at 16 384 and
        // 32 768 rows forked here (and its products did not), and each fork woke a parked pool
        // worker between serial steps: 0.24 against 0.18 ms per iteration at 128², 0.56 against
        // 0.42 at 32³ (whole solves, serial vs forking, same JVM). A solver step then runs wholly
        // serial or wholly forked, so the workers of a forked step are still awake for the next.
        if (n <= Parallel.BLOCK || !Parallel.worthForking(n)) {
            // serial: blocks summed in order as sumBlocks does, without a capturing lambda per call
            double total = 0.0;
            for (int from = 0; from < n; from += Parallel.BLOCK) {
                total += blockAxpyNorm(v, count, coef, offset, w, from, Math.min(n, from + Parallel.BLOCK));
            }
            return total;
        }
        return Parallel.sumBlocks(n, (from, to) -> blockAxpyNorm(v, count, coef, offset, w, from, to));
    }

    /** w ← w − Σᵢ coef[offset + i]·v[i] over one block, then wᵀw over it. */
    private static double blockAxpyNorm(Vector[] v, int count, double[] coef, int offset, double[] w, int from,
            int to) {
        int i = 0;
        // Four vectors per pass over the block: w is loaded and stored once instead of four
        // times, and the chain ((w + a0 x0) + a1 x1) + ... rounds exactly as four axpy calls.
        for (; i + 3 < count; i += 4) {
            double a0 = -coef[offset + i];
            double a1 = -coef[offset + i + 1];
            double a2 = -coef[offset + i + 2];
            double a3 = -coef[offset + i + 3];
            double[] x0 = DenseVector.array(v[i]);
            double[] x1 = DenseVector.array(v[i + 1]);
            double[] x2 = DenseVector.array(v[i + 2]);
            double[] x3 = DenseVector.array(v[i + 3]);
            for (int r = from; r < to; r++) {
                w[r] = (((w[r] + a0 * x0[r]) + a1 * x1[r]) + a2 * x2[r]) + a3 * x3[r];
            }
        }
        for (; i < count; i++) {
            double a = -coef[offset + i];
            double[] x = DenseVector.array(v[i]);
            for (int r = from; r < to; r++) {
                w[r] += a * x[r]; // w = w - c_i v_i
            }
        }
        return blockDot(w, w, from, to);
    }

    /**
     * v0ᵀw and v1ᵀw over one block, each summed exactly as {@link #blockDot} sums it, stored at
     * {@code dst[at]} and {@code dst[at + 1]} (added to them when {@code add}): w is loaded once
     * for both products.
     */
    private static void blockDotPair(double[] x, double[] y, double[] w, int from, int to, double[] dst, int at,
            boolean add) {
        if (Simd.enabled()) {
            SimdReductions.dotPair(x, y, w, from, to, dst, at, add); // same lanes, same bits
            return;
        }
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        double t3 = 0.0;
        double t4 = 0.0;
        double t5 = 0.0;
        double t6 = 0.0;
        double t7 = 0.0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            double w0 = w[i];
            double w1 = w[i + 1];
            double w2 = w[i + 2];
            double w3 = w[i + 3];
            double w4 = w[i + 4];
            double w5 = w[i + 5];
            double w6 = w[i + 6];
            double w7 = w[i + 7];
            s0 += x[i] * w0;
            s1 += x[i + 1] * w1;
            s2 += x[i + 2] * w2;
            s3 += x[i + 3] * w3;
            s4 += x[i + 4] * w4;
            s5 += x[i + 5] * w5;
            s6 += x[i + 6] * w6;
            s7 += x[i + 7] * w7;
            t0 += y[i] * w0;
            t1 += y[i + 1] * w1;
            t2 += y[i + 2] * w2;
            t3 += y[i + 3] * w3;
            t4 += y[i + 4] * w4;
            t5 += y[i + 5] * w5;
            t6 += y[i + 6] * w6;
            t7 += y[i + 7] * w7;
        }
        for (; i < to; i++) {
            s0 += x[i] * w[i];
            t0 += y[i] * w[i];
        }
        double sx = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        double sy = ((t0 + t1) + (t2 + t3)) + ((t4 + t5) + (t6 + t7));
        if (add) {
            dst[at] += sx;
            dst[at + 1] += sy;
        } else {
            dst[at] = sx;
            dst[at + 1] = sy;
        }
    }

    private static double blockAxpyDot(double a, double[] x, double[] y, double[] z, int from, int to) {
        // A vectorisable axpy loop, then the dot over the block while it is in cache (as blockCgUpdate).
        for (int i = from; i < to; i++) {
            y[i] += a * x[i]; // y <- y + a x
        }
        return blockDot(y, z, from, to);
    }

    private static double blockScaleDot(double[] d, double[] r, double[] z, int from, int to) {
        // A vectorisable product loop, then the dot over the block while it is in cache (as blockCgUpdate).
        for (int i = from; i < to; i++) {
            z[i] = d[i] * r[i]; // z <- d o r
        }
        return blockDot(r, z, from, to);
    }

    private static double blockDot(double[] x, double[] y, int from, int to) {
        return Reductions.dot(x, y, from, to); // eight accumulators, in SIMD lanes where enabled
    }

    /**
     * x += alpha p and r -= alpha q over one block, returning the new rᵀr summed with the eight
     * accumulators of {@link #blockDot} (so it is bit-identical to {@code dot(r, r)} after the
     * update); two accumulators left the sum latency-bound on small, cache-resident vectors.
     */
    private static double blockCgUpdate(double alpha, double[] p, double[] q, double[] x, double[] r,
            int from, int to) {
        // Three simple loops over a cache-resident block instead of one fused body: each update
        // loop is a plain a·u + v that the JIT vectorises, which the interleaved body (two
        // stores and a reduction per element) prevented; same operations, same sums.
        for (int i = from; i < to; i++) {
            x[i] += alpha * p[i]; // x <- x + alpha p
        }
        for (int i = from; i < to; i++) {
            r[i] -= alpha * q[i]; // r <- r - alpha q
        }
        return blockDot(r, r, from, to);
    }

    static void requireSameLength(int expected, int actual) {
        if (expected != actual) {
            throw new DimensionMismatchException(
                    "vector lengths differ: " + expected + " and " + actual);
        }
    }
}
