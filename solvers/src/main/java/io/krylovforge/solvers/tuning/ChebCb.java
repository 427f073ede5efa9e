package io.krylovforge.solvers.tuning;

import io.krylovforge.direct.dense.DenseKernels;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * ChebCB: contextual bandit with a Chebyshev-regression cost model per arm and inverse-gap
 * weighting (SquareCB with follow-the-leader regression), Khodak et al., "Learning to Relax"
 * (ICLR 2024), Alg. 3.
 *
 * <p>Per arm i the model s_i(c) = Σ_{j&lt;m} θ_ij T_j(c̃), c̃ = the context mapped from [a, b] to
 * [−1, 1], is fitted to targets (cost − 1)/(K·N) where K = largest cost so far,
 * L = (max − min cost)/(b − a), N = 2 + 4(b − a)L/K·(1 + log m). Fit: minimum-norm least squares;
 * if a coefficient leaves the box |θ₀| ≤ 1/N, |θ_j| ≤ 2(b − a)L/(K N j), refit with the box
 * (projected coordinate descent, a convex problem). Action: i* = argmin s_i,
 * p_i = 1/(d + η(s_i − s_{i*})) for i ≠ i*, the rest on i*; η_t = 2t·√(d t/(R − res + 2α²t)),
 * R the cumulative squared prediction error, res the fits' residual,
 * α = (π + (2/π) log(2m + 1))/(2KN(m + 1))·(b − a)L.
 *
 * <p>Sufficient statistics (XᵀX, Xᵀc, Xᵀ1, Σc, Σc², count per arm) make a round O(d·m³)
 * whatever the number of rounds played.
 */
public final class ChebCb implements OmegaTuner {
    private final OmegaGrid grid;
    private final double low;
    private final double high;
    private final int m;
    private final double[][] gram;
    private final double[][] xc;
    private final double[][] x1;
    private final double[] sumC;
    private final double[] sumC2;
    private final double[] count;
    private final double[][] theta;
    private final double[] p;
    private final double[] features;
    private SplittableRandom rnd;
    private long round;
    private double maxCost = Double.NEGATIVE_INFINITY;
    private double minCost = Double.POSITIVE_INFINITY;
    private double squaredErrors;
    private int lastArm = -1;
    private double lastContext;
    private boolean dirty = true;
    private final boolean[] armDirty;
    private double fittedKn = Double.NaN;
    private double fittedSlope = Double.NaN;

    /** ChebCB on {@code grid} for contexts in [low, high] with m = 6 coefficients (degree 5). */
    public ChebCb(OmegaGrid grid, double low, double high, long seed) {
        this(grid, low, high, 6, seed);
    }

    /**
     * @param grid         the arms (ω values)
     * @param low          lower end a of the context range
     * @param high         upper end b of the context range (&gt; a)
     * @param coefficients Chebyshev coefficients m per arm (≥ 1)
     * @param seed         seed of the arm sampling
     */
    public ChebCb(OmegaGrid grid, double low, double high, int coefficients, long seed) {
        if (!(high > low) || coefficients < 1) {
            throw new IllegalArgumentException("need low < high and at least one coefficient");
        }
        this.grid = grid;
        this.low = low;
        this.high = high;
        this.m = coefficients;
        int d = grid.size();
        gram = new double[d][m * m];
        xc = new double[d][m];
        x1 = new double[d][m];
        sumC = new double[d];
        sumC2 = new double[d];
        count = new double[d];
        theta = new double[d][m];
        p = new double[d];
        features = new double[m];
        armDirty = new boolean[d];
        rnd = new SplittableRandom(seed);
    }

    private void chebyshev(double context, double[] t) {
        double c = 2.0 * (context - low) / (high - low) - 1.0;
        c = Math.max(-1.0, Math.min(1.0, c));
        t[0] = 1.0;
        if (m > 1) {
            t[1] = c;
        }
        for (int j = 2; j < m; j++) {
            t[j] = 2.0 * c * t[j - 1] - t[j - 2];
        }
    }

    private double scaleK() {
        return round > 0 ? Math.max(maxCost, 1.0) : 1.0;
    }

    private double lipschitz() {
        return round > 1 ? (maxCost - minCost) / (high - low) : 0.0;
    }

    private double scaleN() {
        return 2.0 + 4.0 * (high - low) * lipschitz() / scaleK() * (1.0 + Math.log(m));
    }

    /** Predicted normalised cost s_i at the features last computed. */
    private double predict(int arm) {
        double s = 0.0;
        for (int j = 0; j < m; j++) {
            s += theta[arm][j] * features[j];
        }
        return s;
    }

    /** Predicted iteration count of playing {@code arm} at {@code context}: 1 + s·K·N. */
    public double predictCost(int arm, double context) {
        refit();
        chebyshev(context, features);
        return 1.0 + predict(arm) * scaleK() * scaleN();
    }

    @Override
    public double choose(double context) {
        if (lastArm >= 0) {
            throw new IllegalStateException("choose() called twice without observe()");
        }
        refit();
        chebyshev(context, features);
        int d = grid.size();
        int best = 0;
        double bestS = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double s = count[i] > 0 ? predict(i) : 0.0; // unexplored arms look optimistic
            p[i] = s;
            if (s < bestS) {
                bestS = s;
                best = i;
            }
        }
        double eta = learningRate();
        double rest = 0.0;
        for (int i = 0; i < d; i++) {
            if (i != best) {
                p[i] = 1.0 / (d + eta * (p[i] - bestS));
                rest += p[i];
            }
        }
        p[best] = Math.max(0.0, 1.0 - rest);
        double u = rnd.nextDouble();
        int arm = best;
        double acc = 0.0;
        for (int i = 0; i < d; i++) {
            acc += p[i];
            if (u < acc) {
                arm = i;
                break;
            }
        }
        lastArm = arm;
        lastContext = context;
        return grid.omega(arm);
    }

    private double learningRate() {
        double t = round + 1.0;
        int d = grid.size();
        double kn = scaleK() * scaleN();
        double alpha = (Math.PI + (2.0 / Math.PI) * Math.log(2.0 * m + 1.0)) / (2.0 * kn * (m + 1.0))
                * (high - low) * lipschitz();
        double denominator = Math.max(squaredErrors - residual(), 0.0) + 2.0 * alpha * alpha * t;
        if (!(denominator > 1e-12)) {
            denominator = 1e-12;
        }
        return 2.0 * t * Math.sqrt(d * t / denominator);
    }

    @Override
    public void observe(double cost) {
        if (lastArm < 0) {
            throw new IllegalStateException("observe() without choose()");
        }
        if (!(cost >= 0.0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, got " + cost);
        }
        int a = lastArm;
        chebyshev(lastContext, features);
        if (count[a] > 0) {
            double err = predict(a) - (cost - 1.0) / (scaleK() * scaleN());
            squaredErrors += err * err;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                gram[a][i * m + j] += features[i] * features[j];
            }
            xc[a][i] += features[i] * cost;
            x1[a][i] += features[i];
        }
        sumC[a] += cost;
        sumC2[a] += cost * cost;
        count[a] += 1.0;
        maxCost = Math.max(maxCost, cost);
        minCost = Math.min(minCost, cost);
        round++;
        lastArm = -1;
        dirty = true;
        armDirty[a] = true;
    }

    /**
     * Refits the arms whose data changed; all of them when K or N changed (the targets and the
     * box depend on them). Costs O(m³) per refitted arm, so most rounds refit one arm.
     */
    private void refit() {
        if (!dirty) {
            return;
        }
        double kn = scaleK() * scaleN();
        boolean all = kn != fittedKn || lipschitz() != fittedSlope;
        fittedKn = kn;
        fittedSlope = lipschitz();
        double bound0 = 1.0 / scaleN();
        double boundSlope = 2.0 * (high - low) * lipschitz() / kn;
        double[] h = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            double b = j == 0 ? bound0 : boundSlope / j;
            lo[j] = -b;
            hi[j] = b;
        }
        for (int a = 0; a < grid.size(); a++) {
            if (count[a] == 0 || !(all || armDirty[a])) {
                continue;
            }
            armDirty[a] = false;
            for (int j = 0; j < m; j++) {
                h[j] = (xc[a][j] - x1[a][j]) / kn; // X^T y with y = (c - 1)/(K N)
            }
            double[] th = minimumNormSolve(gram[a], h, m);
            boolean inBox = true;
            for (int j = 0; j < m; j++) {
                inBox &= th[j] >= lo[j] - 1e-15 && th[j] <= hi[j] + 1e-15;
            }
            if (!inBox) {
                boxedLeastSquares(gram[a], h, lo, hi, th);
            }
            System.arraycopy(th, 0, theta[a], 0, m);
        }
        dirty = false;
    }

    /** min θᵀGθ − 2θᵀh over the box, by projected coordinate descent from the clipped θ. */
    private void boxedLeastSquares(double[] g, double[] h, double[] lo, double[] hi, double[] th) {
        for (int j = 0; j < m; j++) {
            th[j] = Math.max(lo[j], Math.min(hi[j], th[j]));
        }
        for (int sweep = 0; sweep < 200; sweep++) {
            double change = 0.0;
            for (int j = 0; j < m; j++) {
                double gjj = g[j * m + j];
                if (gjj <= 0.0) {
                    continue;
                }
                double r = h[j];
                for (int k = 0; k < m; k++) {
                    if (k != j) {
                        r -= g[j * m + k] * th[k];
                    }
                }
                double next = Math.max(lo[j], Math.min(hi[j], r / gjj));
                change = Math.max(change, Math.abs(next - th[j]));
                th[j] = next;
            }
            if (change < 1e-14) {
                break;
            }
        }
    }

    /** Σ over arms of the fits' squared residuals ‖Xθ − y‖². */
    private double residual() {
        double kn = scaleK() * scaleN();
        double total = 0.0;
        for (int a = 0; a < grid.size(); a++) {
            if (count[a] == 0) {
                continue;
            }
            double yy = (sumC2[a] - 2.0 * sumC[a] + count[a]) / (kn * kn);
            double cross = 0.0;
            double quad = 0.0;
            for (int i = 0; i < m; i++) {
                cross += theta[a][i] * (xc[a][i] - x1[a][i]) / kn;
                for (int j = 0; j < m; j++) {
                    quad += theta[a][i] * gram[a][i * m + j] * theta[a][j];
                }
            }
            total += Math.max(0.0, yy - 2.0 * cross + quad);
        }
        return total;
    }

    @Override
    public String name() {
        return "chebcb";
    }

    /**
     * values = per arm [gram (m²), xc (m), x1 (m), sumC, sumC2, count], then
     * [maxCost, minCost, squaredErrors].
     */
    @Override
    public TunerState state() {
        int per = m * m + 2 * m + 3;
        int d = grid.size();
        double[] v = new double[per * d + 3];
        for (int a = 0; a < d; a++) {
            int o = a * per;
            System.arraycopy(gram[a], 0, v, o, m * m);
            System.arraycopy(xc[a], 0, v, o + m * m, m);
            System.arraycopy(x1[a], 0, v, o + m * m + m, m);
            v[o + per - 3] = sumC[a];
            v[o + per - 2] = sumC2[a];
            v[o + per - 1] = count[a];
        }
        v[per * d] = maxCost;
        v[per * d + 1] = minCost;
        v[per * d + 2] = squaredErrors;
        long next = rnd.split().nextLong();
        rnd = new SplittableRandom(next);
        return new TunerState(name(), round, next, v);
    }

    @Override
    public void restore(TunerState state) {
        int per = m * m + 2 * m + 3;
        int d = grid.size();
        state.requireKind(name(), per * d + 3);
        double[] v = state.values();
        for (int a = 0; a < d; a++) {
            int o = a * per;
            System.arraycopy(v, o, gram[a], 0, m * m);
            System.arraycopy(v, o + m * m, xc[a], 0, m);
            System.arraycopy(v, o + m * m + m, x1[a], 0, m);
            sumC[a] = v[o + per - 3];
            sumC2[a] = v[o + per - 2];
            count[a] = v[o + per - 1];
        }
        maxCost = v[per * d];
        minCost = v[per * d + 1];
        squaredErrors = v[per * d + 2];
        round = state.round();
        rnd = new SplittableRandom(state.rngSeed());
        lastArm = -1;
        dirty = true;
        fittedKn = Double.NaN; // refit every arm
    }

    /**
     * Minimum-norm solution of the normal equations G θ = h (G symmetric PSD, n×n, row-major) through
     * the pseudo-inverse: eigen-directions below 1e-12 of the largest |eigenvalue| are left out.
     */
    static double[] minimumNormSolve(double[] g, double[] h, int n) {
        double[] v = g.clone(); // symmetric: row-major and column-major are the same array
        double[] w = new double[n];
        if (DenseKernels.best().syev(n, v, 0, n, w) != 0) {
            double[] nan = new double[n];
            Arrays.fill(nan, Double.NaN); // non-finite Gram matrix: no point is in the box
            return nan;
        }
        double max = 0.0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        double cut = 1e-12 * max;
        double[] theta = new double[n];
        for (int k = 0; k < n; k++) {
            if (Math.abs(w[k]) <= cut) {
                continue; // null-space direction: the minimum-norm solution leaves it out
            }
            double proj = 0.0;
            for (int i = 0; i < n; i++) {
                proj += v[k * n + i] * h[i];
            }
            proj /= w[k];
            for (int i = 0; i < n; i++) {
                theta[i] += proj * v[k * n + i];
            }
        }
        return theta;
    }
}
