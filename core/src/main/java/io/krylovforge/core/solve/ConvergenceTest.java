package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one convergence test all solvers share, created per solve. At every {@link #check}:
 * <ul>
 * <li>‖r‖ ≤ max(rtol·‖b‖, atol) converges;</li>
 * <li>NaN/∞ diverges (DIVERGED_NAN), and so does ‖r‖ &gt; dtol·‖r₀‖ (DIVERGED_DTOL);</li>
 * <li>stagnation: no decrease of the best ‖r‖ by {@value #STAGNATION_DECREASE} (relative) for
 * max({@value #STAGNATION_WINDOW}, k*) iterations, k* being the iteration of the last such
 * decrease, is DIVERGED_STAGNATION: a method that can no longer make progress stops, even with an
 * unreachable tolerance and an enormous iteration limit;</li>
 * <li>precision floor: with {@link #watchTrueResidual} the true ‖b − Ax‖ is recomputed each time
 * the tested (recurrence) norm has dropped another {@code 1/}{@value #TRUE_CHECK_DROP}; when it
 * fails to halve {@value #TRUE_STALLS} times in a row, the recurrence is drifting below what
 * double precision can deliver and the solve stops with DIVERGED_STAGNATION (a tested norm
 * from a recurrence keeps falling forever there, so only the true residual shows it);</li>
 * <li>k ≥ maxIterations stops (DIVERGED_MAX_ITERATIONS).</li>
 * </ul>
 * It records the residual history (bounded: past {@value #HISTORY_LIMIT} norms it keeps every
 * 2nd, then every 4th... norm, plus the last one, and says so in the result's detail) and calls
 * the monitor at every norm, so solvers only report norms.
 */
public final class ConvergenceTest {
    /** Most residual norms a history keeps (then it is decimated). */
    public static final int HISTORY_LIMIT = 1 << 16;
    /** Smallest number of iterations without progress before stagnation is declared. */
    public static final int STAGNATION_WINDOW = 10_000;
    /** Relative decrease of the best residual that counts as progress. */
    public static final double STAGNATION_DECREASE = 1e-3;
    /** The true residual is recomputed whenever the tested norm has fallen by this factor. */
    public static final double TRUE_CHECK_DROP = 1e-3;
    /** True-residual checks in a row without halving the true residual before stagnation. */
    public static final int TRUE_STALLS = 3;

    private final SolverOptions options;
    private final double bnorm;
    private final double threshold;
    private double r0 = Double.NaN;
    private double[] history = new double[64];
    private int count;
    private long calls;
    private int stride = 1;
    private double lastNorm;
    private double best = Double.POSITIVE_INFINITY;
    private int bestK;
    private String stagnation = "";
    private LinearOperator watchA;
    private Vector watchB;
    private Vector watchX;
    private Vector watchWork;
    private double nextTrueCheck = Double.NaN;
    private double trueBest = Double.POSITIVE_INFINITY;
    private int trueStalls;
    private double restartBest = Double.POSITIVE_INFINITY;
    private int restartStalls;

    /**
     * A test for one solve.
     *
     * @param options the solve's tolerances, iteration limit and monitor
     * @param bnorm   ‖b‖₂ of the right-hand side
     */
    public ConvergenceTest(SolverOptions options, double bnorm) {
        this.options = options;
        this.bnorm = bnorm;
        this.threshold = Math.max(options.rtol() * bnorm, options.atol());
    }

    /** max(rtol·‖b‖, atol). */
    public double threshold() {
        return threshold;
    }

    /** ‖b‖₂ of this solve's right-hand side. */
    public double bnorm() {
        return bnorm;
    }

    /** The iteration limit of this solve. */
    public int maxIterations() {
        return options.maxIterations();
    }

    /** Whether {@code rnorm} meets the tolerance (no recording). */
    public boolean satisfied(double rnorm) {
        return rnorm <= threshold;
    }

    /**
     * For solvers whose tested norm comes from a recurrence and whose x is current at every
     * {@link #check} that {@link #readsSolution} names: lets the test recompute ‖b − Ax‖ now and
     * then (one product with A each time the tested norm falls another thousandfold, into one work
     * vector allocated on first use) to see the precision floor.
     */
    public void watchTrueResidual(LinearOperator a, Vector b, Vector x) {
        this.watchA = a;
        this.watchB = b;
        this.watchX = x;
    }

    /**
     * Whether {@link #check} with this norm recomputes ‖b − Ax‖ from the x given to
     * {@link #watchTrueResidual} (a solver that defers updates to x brings it up to date first;
     * CG adds its last α·p in the next sweep).
     *
     * @param rnorm the norm about to be checked
     * @return true when that check may read x
     */
    public boolean readsSolution(double rnorm) {
        return watchA != null && rnorm < nextTrueCheck;
    }

    /**
     * Records iteration k's residual norm and says whether to stop: returns the reason, or
     * {@code null} to go on. k = 0 is the initial residual.
     */
    public StopReason check(int k, double rnorm) {
        record(k, rnorm);
        if (Double.isNaN(rnorm) || Double.isInfinite(rnorm)) {
            return StopReason.DIVERGED_NAN;
        }
        if (rnorm <= threshold) {
            return rnorm <= options.rtol() * bnorm ? StopReason.CONVERGED_RTOL : StopReason.CONVERGED_ATOL;
        }
        if (k == 0 || Double.isNaN(r0)) {
            r0 = rnorm;
            best = rnorm;
            bestK = k;
            nextTrueCheck = rnorm * TRUE_CHECK_DROP;
        } else {
            if (rnorm > options.dtol() * Math.max(r0, threshold)) {
                return StopReason.DIVERGED_DTOL;
            }
            StopReason stalled = progress(k, rnorm);
            if (stalled != null) {
                return stalled;
            }
        }
        if (k >= options.maxIterations()) {
            return StopReason.DIVERGED_MAX_ITERATIONS;
        }
        return null;
    }

    private StopReason progress(int k, double rnorm) {
        if (rnorm < best * (1.0 - STAGNATION_DECREASE)) {
            best = rnorm;
            bestK = k;
        } else if (k - bestK > Math.max(STAGNATION_WINDOW, bestK)) {
            stagnation = String.format(Locale.ROOT,
                    "no decrease of the residual for %d iterations (best %.3e at iteration %d)", k - bestK,
                    best, bestK);
            return StopReason.DIVERGED_STAGNATION;
        }
        if (watchA != null && rnorm < nextTrueCheck) {
            nextTrueCheck = rnorm * TRUE_CHECK_DROP;
            if (watchWork == null) {
                watchWork = watchB.zerosLike();
            }
            double trueNorm = SolverSupport.trueResidualNorm(watchA, watchB, watchX, watchWork);
            return checkTrue(trueNorm, rnorm);
        }
        return null;
    }

    /**
     * A freshly computed true residual norm, compared with the tested (recurrence) norm: returns
     * DIVERGED_STAGNATION once the true residual has failed to halve {@value #TRUE_STALLS} times
     * in a row while the recurrence went on falling; else {@code null}. Solvers that compute the
     * true residual anyway (at a restart) may call it directly.
     */
    public StopReason checkTrue(double trueNorm, double testedNorm) {
        if (trueNorm > 0.5 * trueBest) {
            if (++trueStalls >= TRUE_STALLS) {
                stagnation = String.format(Locale.ROOT,
                        "precision floor: the true residual stays at %.3e while the recurrence claims %.3e;"
                                + " rounding errors allow no better (rtol too small for double precision?)",
                        trueNorm, testedNorm);
                return StopReason.DIVERGED_STAGNATION;
            }
        } else {
            trueStalls = 0;
        }
        trueBest = Math.min(trueBest, trueNorm);
        return null;
    }

    /**
     * For restarted methods (GMRES, FGMRES) at a restart: {@code trueNorm} is the residual the
     * new cycle starts from, {@code claimedNorm} what the last cycle's recurrence promised. When
     * the promise beat the truth a hundredfold and the true residual did not halve,
     * {@value #TRUE_STALLS} restarts in a row, the method sits on the precision floor: returns
     * DIVERGED_STAGNATION; else {@code null}.
     */
    public StopReason checkRestart(double trueNorm, double claimedNorm) {
        boolean gap = claimedNorm < 0.01 * trueNorm && trueNorm > 0.5 * restartBest;
        restartBest = Math.min(restartBest, trueNorm);
        if (!gap) {
            restartStalls = 0;
            return null;
        }
        if (++restartStalls >= TRUE_STALLS) {
            stagnation = String.format(Locale.ROOT,
                    "precision floor: each restart finds the true residual at %.3e while the cycle claimed %.3e;"
                            + " rounding errors allow no better (rtol too small for double precision?)",
                    trueNorm, claimedNorm);
            return StopReason.DIVERGED_STAGNATION;
        }
        return null;
    }

    /**
     * Whether the last tested norm lies a hundredfold below {@code trueNorm}: the recurrence has
     * drifted under what rounding lets x reach, so a breakdown or NaN now is the precision floor
     * speaking, not the matrix.
     */
    public boolean belowTruth(double trueNorm) {
        return calls > 1 && lastNorm < 0.01 * trueNorm;
    }

    /** The last norm recorded (tested or not), NaN before any. */
    public double lastNorm() {
        return calls == 0 ? Double.NaN : lastNorm;
    }

    /** Records a norm and calls the monitor without testing it. */
    public void record(int k, double rnorm) {
        long index = calls++;
        lastNorm = rnorm;
        if (index % stride == 0) {
            if (count == history.length) {
                if (count >= HISTORY_LIMIT) {
                    // Keep every second norm: memory stays bounded for any iteration count.
                    int kept = 0;
                    for (int i = 0; i < count; i += 2) {
                        history[kept++] = history[i];
                    }
                    count = kept;
                    stride *= 2;
                } else {
                    history = Arrays.copyOf(history, Math.min(2 * count, HISTORY_LIMIT));
                }
            }
            if (index % stride == 0) {
                history[count++] = rnorm;
            }
        }
        Monitor m = options.monitor();
        if (m != null) {
            m.iteration(k, rnorm);
        }
    }

    /** The reason a converged recurrence residual turns into once the true residual is known. */
    public StopReason reasonFor(double trueResidualNorm) {
        if (Double.isNaN(trueResidualNorm) || Double.isInfinite(trueResidualNorm)) {
            return StopReason.DIVERGED_NAN;
        }
        if (trueResidualNorm <= options.rtol() * bnorm) {
            return StopReason.CONVERGED_RTOL;
        }
        return trueResidualNorm <= options.atol() ? StopReason.CONVERGED_ATOL : null;
    }

    /** Detail of a DIVERGED_STAGNATION result from {@link #confirm}. */
    public static final String STAGNATION_DETAIL = "true residual stays above the tolerance";

    /**
     * Confirms a converged recurrence residual on the residual recomputed from b − Ax (the block
     * every solver with a recurrence residual runs before it may report CONVERGED).
     *
     * @param k                iterations so far
     * @param trueResidualNorm the recomputed (tested) residual norm
     * @param attempt          how many confirmations of this solve failed before (0 the first time)
     * @return CONVERGED_RTOL/ATOL (or DIVERGED_NAN) decided by the true norm; DIVERGED_STAGNATION
     *         when it misses and {@link SolverSupport#MAX_REPLACEMENTS} restarts were spent or k has
     *         reached maxIterations; {@code null}: restart the recurrences from the true residual
     */
    public StopReason confirmReason(int k, double trueResidualNorm, int attempt) {
        StopReason confirmed = reasonFor(trueResidualNorm);
        if (confirmed != null) {
            return confirmed;
        }
        if (attempt >= SolverSupport.MAX_REPLACEMENTS || k >= options.maxIterations()) {
            return StopReason.DIVERGED_STAGNATION;
        }
        return null;
    }

    /**
     * {@link #confirmReason} as a finished result (true norm reported, the stagnation detail set),
     * or {@code null} to go on from the true residual.
     */
    public SolveResult confirm(int k, double trueResidualNorm, int attempt) {
        StopReason reason = confirmReason(k, trueResidualNorm, attempt);
        if (reason == null) {
            return null;
        }
        return result(reason, k, trueResidualNorm,
                reason == StopReason.DIVERGED_STAGNATION ? STAGNATION_DETAIL : "");
    }

    /**
     * Builds the immutable result from the recorded history. A stagnation found by this test
     * explains itself when the solver gives no detail; a decimated history says so.
     */
    public SolveResult result(StopReason reason, int iterations, double trueResidualNorm, String detail) {
        double rel = bnorm > 0 ? trueResidualNorm / bnorm : 0.0;
        String words = detail == null ? "" : detail;
        if (reason == StopReason.DIVERGED_STAGNATION && words.isEmpty()) {
            words = stagnation;
        }
        double[] h;
        if (stride > 1) {
            boolean lastKept = (calls - 1) % stride == 0;
            h = Arrays.copyOf(history, lastKept ? count : count + 1);
            if (!lastKept) {
                h[count] = lastNorm;
            }
            words = (words.isEmpty() ? "" : words + "; ") + "residual history keeps every " + stride + "th of "
                    + calls + " norms and the last";
        } else {
            h = Arrays.copyOf(history, count);
        }
        return new SolveResult(reason, iterations, trueResidualNorm, rel, h, words);
    }
}
