package io.krylovforge.cli;

import io.krylovforge.solvers.SolverSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The solver options shared by {@code solve}, {@code generate} and {@code sequence} (a picocli
 * mixin), so the three accept exactly the same ones; they become one {@link SolverSpec}, which
 * validates them in one place.
 */
final class SolverSpecOptions {
    @Option(names = "--solver", defaultValue = "auto",
            description = "solver (default: ${DEFAULT-VALUE}); one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = SolverChoice.Names.class)
    String solver;

    @Option(names = {"--precond", "--pc"}, defaultValue = "none",
            description = "preconditioner (default: ${DEFAULT-VALUE}); one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = SolverChoice.PreconditionerNames.class)
    String precond;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance ||b-Ax||/||b|| (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--atol", defaultValue = "0", description = "absolute tolerance (default: ${DEFAULT-VALUE})")
    double atol;

    @Option(names = "--dtol", paramLabel = "D",
            description = "report divergence when ||r|| > D*||r0|| (default: the method's own, 1e5; 1e10 for bicgstab, bicgstabl and tfqmr, whose residuals grow for a while before converging)")
    Double dtol;

    @Option(names = {"--max-iterations", "--maxiter"}, paramLabel = "N",
            description = "iteration limit per solve (default: max(10000, 10 n))")
    Integer maxIterations;

    @Option(names = "--restart", paramLabel = "M",
            description = "GMRES-type restart length m (default: 30 for GMRES, 40 for GCRO-DR)")
    Integer restart;

    @Option(names = "--recycle", defaultValue = "20", description = "recycle dimension k of gcrodr/rcg (default: ${DEFAULT-VALUE})")
    int recycle;

    @Option(names = "--refresh-every", defaultValue = "4",
            description = "gcrodr: refresh the recycle space every R-th cycle (and on each solve's last cycle); 1 = Parks et al."
                    + " and the SKR paper; 4, chosen by measurement (bench/results/skr_notes.md), is cheaper per system (default: ${DEFAULT-VALUE})")
    int refreshEvery;

    @Option(names = "--omega",
            description = "relaxation factor for SOR/SSOR/Richardson/Jacobi and the SSOR preconditioner (default: 1.0);"
                    + " sequence --solver sor|ssor-pcg also takes fixed:W, optimal, bandit:tsallis, bandit:tsallis-cb, bandit:chebcb")
    String omega;

    @Option(names = "--weights", paramLabel = "w.kfw", description = "network weights for --solver dcdm (default: bundled 2D Poisson weights)")
    Path weights;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "where the solve runs: auto, cpu, cuda[:N] or opencl[:P:D] (default: ${DEFAULT-VALUE}); see 'kforge devices'")
    String device;

    /** {@code --omega} as a number, or 1.0 when it names a tuner ({@link #omegaTuner()}). */
    double omegaValue() {
        if (omega == null || omegaTuner() != null) {
            return 1.0;
        }
        try {
            return Double.parseDouble(omega.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("--omega must be a number (or, for sequence --solver sor|ssor-pcg, fixed:W,"
                    + " optimal or bandit:...), got '" + omega + "'");
        }
    }

    /** The tuner text of {@code --omega} (fixed:W, optimal, bandit:…), or null for a plain number. */
    String omegaTuner() {
        String t = omega == null ? "" : omega.trim();
        return t.startsWith("fixed:") || t.equals("optimal") || t.startsWith("bandit:") ? t : null;
    }

    /** The options as one validated spec; a bad value is a user error (exit 2, one line). */
    SolverSpec toSpec() {
        return toSpec(solver);
    }

    /** As {@link #toSpec()} with the solver name replaced (e.g. a command's own default). */
    SolverSpec toSpec(String solverName) {
        if (omegaTuner() != null && !solverName.equals("sor") && !solverName.equals("ssor-pcg")) {
            throw new UserInputException("--omega " + omega + " (a tuner) needs sequence --solver sor or ssor-pcg");
        }
        if (restart != null && restart < 1) {
            throw new UserInputException("--restart must be >= 1, got " + restart);
        }
        try {
            return new SolverSpec(solverName, precond, rtol, atol, dtol == null ? 0.0 : dtol, maxIterations == null ? 0 : maxIterations,
                    restart == null ? 0 : restart, recycle, refreshEvery, omegaValue(), device);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
