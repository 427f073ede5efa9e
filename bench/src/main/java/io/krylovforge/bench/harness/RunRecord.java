package io.krylovforge.bench.harness;

/**
 * One implementation's result on one case: timings over repeats, iterations and the true
 * relative residual it reached. A record whose residual misses the case's tolerance is marked
 * wrong and never counts as a speed figure.
 *
 * @param caseId         suite case id
 * @param implementation "krylovforge", "scipy", "petsc", "pyamg", ...
 * @param iterations     iterations of the last repeat
 * @param relResidual    ‖b − Ax‖/‖b‖ recomputed by the harness or the peer from x
 * @param setupSeconds   median preconditioner set-up time (0 if none)
 * @param solveSeconds   timing statistics of the solve phase
 * @param note           empty, or why the run is not comparable ("unavailable: ...")
 * @param cpuSeconds     CPU time of the solving threads per solve (NaN where not measured): on a
 *                       shared machine it shows the work done, where wall time also counts waiting
 */
public record RunRecord(String caseId, String implementation, int iterations, double relResidual,
        double setupSeconds, Statistics solveSeconds, String note, Statistics cpuSeconds) {

    /** A record without CPU times. */
    public RunRecord(String caseId, String implementation, int iterations, double relResidual,
            double setupSeconds, Statistics solveSeconds, String note) {
        this(caseId, implementation, iterations, relResidual, setupSeconds, solveSeconds, note,
                Statistics.of(Double.NaN));
    }

    /** Whether the answer meets {@code rtol} (with a 10× slack for the solvers' own norms). */
    public boolean correct(double rtol) {
        return note.isEmpty() && Double.isFinite(relResidual) && relResidual <= 10.0 * rtol;
    }

    /** Median solve milliseconds per iteration. */
    public double millisPerIteration() {
        return iterations > 0 ? 1e3 * solveSeconds.median() / iterations : Double.NaN;
    }

    /** Median solve CPU milliseconds per iteration (NaN where CPU time was not measured). */
    public double cpuMillisPerIteration() {
        return iterations > 0 ? 1e3 * cpuSeconds.median() / iterations : Double.NaN;
    }

    public static RunRecord unavailable(String caseId, String implementation, String why) {
        return new RunRecord(caseId, implementation, 0, Double.NaN, 0.0, Statistics.of(Double.NaN),
                "unavailable: " + why);
    }
}
