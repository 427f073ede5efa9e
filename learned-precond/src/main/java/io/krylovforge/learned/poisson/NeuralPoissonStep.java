package io.krylovforge.learned.poisson;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.Objects;

/**
 * The neural Poisson step (after NPSolver, KDD 2026): a trained {@link NeuralPoissonNet} used
 * (a) as a one-shot approximate solver of the P1 system A u = b of −Δu = f with mixed boundary
 * conditions, and (b) as the initial guess x₀ of Jacobi-preconditioned CG.
 *
 * <p>Requirements: A symmetric positive definite with a positive diagonal, as assembled by
 * {@code MixedBoundaryPoisson} with at least one Dirichlet segment. The weights were trained on
 * corner-removed squares with random mixed conditions and smooth sources; the net only uses
 * per-node maps and A itself, so it runs on any mesh size, but accuracy is measured only for that
 * family ({@code bench/results/learned-npsolver.md}).
 *
 * <pre>
 *   NeuralPoissonStep step = NeuralPoissonStep.bundled();
 *   double[] u = step.oneShot(fem.a(), fem.b());                       // ≈ A⁻¹b
 *   DenseVector x = DenseVector.zeros(n);
 *   SolveResult r = step.solve(fem.a(), fem.b(), x, SolverOptions.defaults().withRtol(1e-8));
 * </pre>
 */
public final class NeuralPoissonStep {
    private final NeuralPoissonEvaluator evaluator;

    /** The step with {@code net} evaluated on the host ({@link CpuNeuralPoissonNet}). */
    public NeuralPoissonStep(NeuralPoissonNet net) {
        this(new CpuNeuralPoissonNet(net));
    }

    /**
     * The step with the network run by {@code evaluator} (the host, or a device from the gpu
     * module: {@code DeviceBackend.neuralPoisson(net)}). The caller closes the evaluator.
     */
    public NeuralPoissonStep(NeuralPoissonEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /** {@return the step with the shipped weights} */
    public static NeuralPoissonStep bundled() {
        return new NeuralPoissonStep(NeuralPoissonWeights.bundled());
    }

    /** {@return the net this step evaluates} */
    public NeuralPoissonNet net() {
        return evaluator.net();
    }

    /** Where the network runs. */
    public NeuralPoissonEvaluator evaluator() {
        return evaluator;
    }

    /** One-shot prediction û ≈ A⁻¹ b (sets up the coarse space of A first). */
    public double[] oneShot(CsrMatrix a, double[] b) {
        return oneShot(new TwoLevelSystem(a, b));
    }

    /** One-shot prediction for a system whose coarse space is already set up. */
    public double[] oneShot(TwoLevelSystem system) {
        return evaluator.predict(system);
    }

    /**
     * Jacobi-PCG ({@link ConjugateGradient} with {@link PointJacobi}) from the network's
     * prediction: x (out) is overwritten with x₀ = û, then refined under {@code options}
     * (its preconditioner and nonzeroGuess are replaced).
     */
    public SolveResult solve(CsrMatrix a, double[] b, DenseVector x, SolverOptions options) {
        if (x.size() != b.length) {
            throw new IllegalArgumentException("x has " + x.size() + " entries, b has " + b.length);
        }
        x.setFrom(oneShot(a, b)); // x0 = û
        SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b.clone()), x,
                options.withPreconditioner(new PointJacobi()).withNonzeroGuess(true));
        return r;
    }
}
