package io.krylovforge.precond;

import io.krylovforge.core.solve.IdentityPreconditioner;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerParameters;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.ExactFactorization;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import io.krylovforge.precond.factor.IncompleteLu0;
import io.krylovforge.precond.factor.IncompleteLuThreshold;
import io.krylovforge.precond.factor.IncompleteLuThresholdOptions;
import java.util.List;
import java.util.Locale;

/**
 * Preconditioners by name, with default parameters, for the CLI and benchmarks:
 * <pre>
 *   none          identity
 *   jacobi        diag(A)
 *   block-jacobi  dense LU of 4×4 diagonal blocks
 *   ssor          ω = 1 (symmetric Gauss–Seidel)
 *   ilu0          ILU(0)
 *   ilut          ILUT(τ = 1e-4, p = 10)
 *   ic0           IC(0) with Manteuffel shift on breakdown
 *   chebyshev     degree 4 on Lanczos bounds of D⁻¹A
 *   amg           smoothed aggregation, PyAMG defaults, V-cycle
 *   lu            exact sparse LU of A (direct module): M = A
 *   cholesky      exact supernodal Cholesky of A (direct module): M = A, SPD A only; with a
 *                 nearby SPD matrix of the same pattern (the next sample), one analysis serves all
 * </pre>
 * Every call returns a new instance (no shared state).
 */
public final class Preconditioners {
    private static final List<String> NAMES = List.of("none", "jacobi", "block-jacobi", "ssor", "ilu0",
            "ilut", "ic0", "chebyshev", "amg", "lu", "cholesky");

    private Preconditioners() {
    }

    /** {@return the valid names, in the order above} */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * A new preconditioner called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     * @param name one of {@link #names()} (any case)
     * @return a new, not yet set-up preconditioner
     */
    public static Preconditioner create(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "none" -> new IdentityPreconditioner();
            case "jacobi" -> new PointJacobi();
            case "block-jacobi" -> new BlockJacobi(4);
            case "ssor" -> new SymmetricSor(1.0);
            case "ilu0" -> new IncompleteLu0();
            case "ilut" -> new IncompleteLuThreshold(IncompleteLuThresholdOptions.defaults());
            case "ic0" -> new IncompleteCholesky0();
            case "chebyshev" -> new ChebyshevPolynomial(4);
            case "amg" -> new SmoothedAggregationAmg();
            case "lu" -> ExactFactorization.named("lu");
            case "cholesky" -> ExactFactorization.named("cholesky");
            default -> throw new IllegalArgumentException(
                    "unknown preconditioner '" + name + "'; valid names: " + String.join(", ", NAMES));
        };
    }

    /**
     * A new preconditioner called {@code name} with {@code params}: ω for {@code ssor}, block size
     * for {@code block-jacobi}, degree for {@code chebyshev}, drop tolerance and fill for {@code ilut};
     * the other names take no parameters and are as {@link #create(String)}.
     *
     * @param name   one of {@link #names()} (any case)
     * @param params the parameters; {@code null} for {@link PreconditionerParameters#defaults()}
     * @return a new, not yet set-up preconditioner
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Preconditioner create(String name, PreconditionerParameters params) {
        PreconditionerParameters p = params == null ? PreconditionerParameters.defaults() : params;
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "block-jacobi" -> new BlockJacobi(p.blockSize());
            case "ssor" -> new SymmetricSor(p.omega());
            case "ilut" -> new IncompleteLuThreshold(new IncompleteLuThresholdOptions(p.dropTolerance(), p.fill()));
            case "chebyshev" -> new ChebyshevPolynomial(ChebyshevPolynomialOptions.defaults().withDegree(p.degree()));
            default -> create(name);
        };
    }
}
