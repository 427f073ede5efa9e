package io.krylovforge.solvers.tuning;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.stationary.SuccessiveOverRelaxation;
import java.util.function.DoubleFunction;

/**
 * Solves a sequence of systems with a relaxation-parametrised method, asking an
 * {@link OmegaTuner} for ω before each solve and feeding back the iteration count (Khodak et al.
 * 2024). The method is SOR, or CG preconditioned by an ω-dependent preconditioner (SSOR-PCG:
 * pass {@code SymmetricSor::new} from the precond module).
 */
public final class TunedSequenceSolver {
    /** One solve with a given ω. */
    @FunctionalInterface
    public interface RelaxedMethod {
        /**
         * Solves A x = b with relaxation factor {@code omega}.
         *
         * @param a       the matrix
         * @param b       right-hand side
         * @param x       guess in, solution out
         * @param omega   relaxation factor chosen by the tuner
         * @param options tolerances and limits
         * @return the solve's result; its iteration count is the tuner's cost
         */
        SolveResult solve(LinearOperator a, Vector b, Vector x, double omega, SolverOptions options);
    }

    /** One step's outcome. */
    public record Step(double omega, SolveResult result) {
        /** {@return the iterations of this step's solve (the cost fed back to the tuner)} */
        public int iterations() {
            return result.iterations();
        }
    }

    private final OmegaTuner tuner;
    private final RelaxedMethod method;
    private final SolverOptions options;

    /**
     * @param tuner   chooses ω before each solve and learns from its cost
     * @param method  the ω-parametrised solve (SOR, or SSOR-PCG)
     * @param options tolerances and limits of every solve
     */
    public TunedSequenceSolver(OmegaTuner tuner, RelaxedMethod method, SolverOptions options) {
        this.tuner = tuner;
        this.method = method;
        this.options = options;
    }

    /** {@return SOR(ω) as a relaxed method} */
    public static RelaxedMethod sor() {
        return (a, b, x, omega, o) -> new SuccessiveOverRelaxation(omega).solve(a, b, x, o);
    }

    /**
     * CG preconditioned by {@code preconditioner.apply(ω)} (e.g. SSOR(ω)).
     *
     * @param preconditioner builds M for a given ω
     * @return the relaxed method
     */
    public static RelaxedMethod preconditionedCg(DoubleFunction<Preconditioner> preconditioner) {
        ConjugateGradient cg = new ConjugateGradient();
        return (a, b, x, omega, o) -> cg.solve(a, b, x, o.withPreconditioner(preconditioner.apply(omega)));
    }

    /** {@return the tuner, with what it has learned so far} */
    public OmegaTuner tuner() {
        return tuner;
    }

    /**
     * Solves A x = b with the tuner's ω for {@code context}, then reports the cost (iterations; a
     * solve that did not converge costs its iteration limit, so the tuner learns to avoid it).
     *
     * @param a       the matrix
     * @param b       the right-hand side
     * @param x       guess in, solution out
     * @param context the scalar describing this system, passed to the tuner
     * @return the ω played and the solve's result
     */
    public Step solveNext(LinearOperator a, Vector b, Vector x, double context) {
        if (tuner instanceof InstanceOptimalOmega opt && a instanceof CsrMatrix csr) {
            opt.prepare(csr);
        }
        double omega = tuner.choose(context);
        SolveResult r = method.solve(a, b, x, omega, options);
        double cost = r.converged() ? r.iterations() : Math.max(r.iterations(), options.maxIterations());
        tuner.observe(cost);
        return new Step(omega, r);
    }
}
