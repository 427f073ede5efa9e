package io.krylovforge.auto;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.MatrixProperties;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.direct.DirectSolver;
import io.krylovforge.direct.Factorizations;
import io.krylovforge.direct.SparseFactorization;
import io.krylovforge.direct.FactorTooLargeException;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.ExactFactorization;
import io.krylovforge.precond.factor.IncompleteLu0;
import io.krylovforge.precond.factor.IncompleteLuThreshold;
import io.krylovforge.precond.factor.IncompleteLuThresholdOptions;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.Minres;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code auto}: a polyalgorithm that looks at the matrix and picks a method, escalating when the
 * first pick fails (MATLAB's backslash decision tree and PETSc's defaults are the anchors).
 * <pre>
 *   not an assembled matrix          → GMRES(restart)
 *   factors fit and are cheap        → direct, refined, true residual checked: Cholesky for symmetric
 *     (symbolic estimate: memory ≤ ½      with a positive diagonal (the attempted Cholesky is the SPD
 *      free heap, flops ≤ 2·10¹⁰)        test: a failed pivot → LDLᵀ), LDLᵀ for other symmetric (a
 *                                      residual above the tolerance → LU), LU otherwise; LU's residual
 *                                      still too large → GMRES preconditioned by the LU factors
 *   symmetric, positive diagonal     → CG + smoothed-aggregation AMG; indefiniteness met → MINRES
 *   symmetric otherwise              → MINRES
 *   nonsymmetric                     → GMRES(restart) + ILU(0); ILU(0) fails (zero diagonal)
 *                                      → GMRES + ILUT; still not converged and LU fits → LU
 * </pre>
 * A preconditioner given in the options is honoured: the direct branch is skipped and CG (symmetric,
 * positive diagonal) or GMRES uses it. The path taken is returned in the result's detail, e.g.
 * "auto: 479x479 nonsymmetric, 471 zero diagonals -> lu (nnz(L+U)=15715, 5.6e+05 flops)" (plain
 * ASCII), and by {@link #lastPath()}.
 *
 * <p>The choice and the direct analysis are kept while the matrices keep their pattern, so a
 * sequence of samples pays the ordering once. An instance serves one thread at a time.
 */
public final class AutoSolver implements IterativeSolver {
    /** Largest estimated factorisation work (flops) for which auto chooses a direct solver. */
    public static final double DIRECT_FLOP_LIMIT = 2e10;
    /** Largest order for which a direct analysis is even tried (its cost grows with the fill). */
    public static final int DIRECT_SIZE_LIMIT = 1_000_000;
    /** Share of the free heap the estimated factors may take. */
    public static final double DIRECT_MEMORY_SHARE = 0.5;

    private final SolverParameters params;
    private final double directFlopLimit;
    private CsrMatrix planned;
    private List<String> directChain = List.of();
    private final Map<String, DirectSolver> directSolvers = new LinkedHashMap<>();
    private String directNote = "";
    private String lastPath = "";

    /** {@code auto} with the GMRES restart and other parameters from {@code params}. */
    public AutoSolver(SolverParameters params) {
        this(params, DIRECT_FLOP_LIMIT);
    }

    /** With another flop limit for the direct branch (0 forces the iterative branch; for tests). */
    AutoSolver(SolverParameters params, double directFlopLimit) {
        this.params = params == null ? SolverParameters.defaults() : params;
        this.directFlopLimit = directFlopLimit;
    }

    @Override
    public String name() {
        return "auto";
    }

    /** The path the last solve took, as in its result's detail. */
    public String lastPath() {
        return lastPath;
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        if (!(a instanceof CsrMatrix csr)) {
            Gmres gmres = gmres();
            return finish("matrix-free operator -> gmres(" + gmres.restart() + ")",
                    gmres.solve(a, b, x, options));
        }
        MatrixProperties props = MatrixProperties.of(csr);
        String kind = describe(props);
        boolean spdLooking = props.maybeSpd();
        Preconditioner userM = options.preconditioner();
        if (userM != null) {
            IterativeSolver s = spdLooking && userM.isSymmetric() ? new ConjugateGradient() : gmres();
            return finish(kind + ", preconditioner " + userM.name() + " given -> " + s.name(),
                    s.solve(a, b, x, options));
        }
        if (directFor(csr, props)) {
            StringBuilder path = new StringBuilder(kind);
            SolveResult r = null;
            DirectSolver last = null;
            for (String method : directChain) {
                DirectSolver d;
                try {
                    d = directSolver(method, csr);
                } catch (FactorTooLargeException e) {
                    path.append(" -> ").append(method).append(" refused (").append(e.getMessage()).append(')');
                    continue;
                }
                last = d;
                r = d.solve(a, b, x, options);
                path.append(" -> ").append(method).append(" (").append(noteFor(d)).append(')');
                if (r.converged()) {
                    directChain = preferFirst(directChain, method); // the next matrix of this pattern starts here
                    return finish(path.toString(), r);
                }
                path.append(": ").append(r.reason()).append(r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
            }
            if (r != null && last.name().equals("lu") && r.reason() != StopReason.DIVERGED_ZERO_PIVOT
                    && last.factorization() != null) {
                // Factorised, but refinement left the residual too large: let GMRES polish with M = LU.
                SolveResult polished = gmres().solve(a, b, x,
                        options.withPreconditioner(ExactFactorization.of(last.factorization())));
                return finish(path + String.format(Locale.ROOT, " -> gmres + lu preconditioner"), polished);
            }
            if (r != null) {
                return finish(path.toString(), r);
            }
        }
        String why = directNote.isEmpty() ? "" : " (direct refused: " + directNote + ")";
        if (spdLooking) {
            SolveResult r = new ConjugateGradient().solve(a, b, x,
                    options.withPreconditioner(new SmoothedAggregationAmg()));
            if (r.reason() == StopReason.DIVERGED_INDEFINITE_MATRIX
                    || r.reason() == StopReason.DIVERGED_INDEFINITE_PRECONDITIONER) {
                return finish(kind + why + " -> cg + amg: indefinite -> minres",
                        new Minres().solve(a, b, x, options.withNonzeroGuess(false)));
            }
            return finish(kind + why + " -> cg + amg", r);
        }
        if (props.symmetric()) {
            return finish(kind + why + " -> minres", new Minres().solve(a, b, x, options));
        }
        Gmres gmres = gmres();
        SolveResult r = gmres.solve(a, b, x, options.withPreconditioner(new IncompleteLu0()));
        if (r.converged()) {
            return finish(kind + why + " -> gmres + ilu0", r);
        }
        String path = kind + why + " -> gmres + ilu0: " + r.reason() + " -> gmres + ilut";
        r = gmres.solve(a, b, x, options.withPreconditioner(new IncompleteLuThreshold(IncompleteLuThresholdOptions.defaults()))
                .withNonzeroGuess(false));
        if (r.converged()) {
            return finish(path, r);
        }
        DirectSolver lu = Factorizations.solver("lu");
        try {
            return finish(path + ": " + r.reason() + " -> lu", lu.solve(a, b, x, options));
        } catch (FactorTooLargeException e) {
            return finish(path + " (lu refused: " + e.getMessage() + ")", r);
        }
    }

    /**
     * Whether a direct solve fits and is cheap for this pattern (with the reason in
     * {@code directNote} either way); sets the chain of methods to try. Kept for every matrix of
     * the same pattern, with the analyses.
     */
    private boolean directFor(CsrMatrix a, MatrixProperties props) {
        if (planned != null && planned.samePattern(a)) {
            return !directChain.isEmpty();
        }
        planned = a;
        directSolvers.clear();
        directChain = List.of();
        if (a.rows() > DIRECT_SIZE_LIMIT) {
            directNote = "n > " + DIRECT_SIZE_LIMIT;
            return false;
        }
        List<String> chain = props.maybeSpd() ? List.of("cholesky", "ldlt", "lu")
                : props.symmetric() ? List.of("ldlt", "lu") : List.of("lu");
        SparseFactorization f;
        try {
            f = Factorizations.analyze(chain.get(0), a);
        } catch (FactorTooLargeException e) {
            directNote = e.getMessage();
            return false;
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) + f.memoryBytes();
        directNote = String.format(Locale.ROOT, "%s: %s", chain.get(0), estimate(f));
        if (f.memoryBytes() > DIRECT_MEMORY_SHARE * free || f.factorFlops() > directFlopLimit) {
            directNote += f.memoryBytes() > DIRECT_MEMORY_SHARE * free
                    ? ", " + f.memoryBytes() + " bytes > half the free heap" : ", too many flops";
            return false;
        }
        directSolvers.put(chain.get(0), keep(chain.get(0), a, f));
        directChain = chain;
        return true;
    }

    /** The direct solver for {@code method} on this pattern, analysing it on first use. */
    private DirectSolver directSolver(String method, CsrMatrix a) {
        DirectSolver d = directSolvers.get(method);
        if (d == null) {
            d = keep(method, a, Factorizations.analyze(method, a));
            directSolvers.put(method, d);
        }
        return d;
    }

    /** A DirectSolver that starts from an analysis already made for {@code a}'s pattern. */
    private static DirectSolver keep(String method, CsrMatrix a, SparseFactorization analysed) {
        return new DirectSolver(method, m -> m.samePattern(a) ? analysed : Factorizations.analyze(method, m));
    }

    private static String noteFor(DirectSolver d) {
        return d.factorization() == null ? "not analysed" : estimate(d.factorization());
    }

    private static String estimate(SparseFactorization f) {
        return String.format(Locale.ROOT, "nnz(%s)=%d, %.2g flops", f.name().equals("lu") ? "L+U" : "L",
                f.factorNonzeros(), f.factorFlops());
    }

    private static List<String> preferFirst(List<String> chain, String method) {
        List<String> out = new ArrayList<>(chain.subList(chain.indexOf(method), chain.size()));
        return List.copyOf(out);
    }

    private Gmres gmres() {
        return new Gmres(params.gmresOptions());
    }

    /** "n x n symmetric, positive diagonal" and the like (ASCII: the path also goes to one-line stderr summaries). */
    static String describe(MatrixProperties p) {
        StringBuilder s = new StringBuilder();
        s.append(p.rows()).append('x').append(p.cols()).append(' ');
        s.append(p.symmetric() ? "symmetric" : "nonsymmetric");
        if (p.positiveDiagonal()) {
            s.append(", positive diagonal");
        } else if (p.zeroDiagonals() > 0) {
            s.append(", ").append(p.zeroDiagonals()).append(" zero diagonal").append(p.zeroDiagonals() == 1 ? "" : "s");
        } else {
            s.append(", diagonal of mixed sign");
        }
        return s.toString();
    }

    private SolveResult finish(String path, SolveResult r) {
        lastPath = "auto: " + path;
        String detail = r.detail().isEmpty() ? lastPath : lastPath + "; " + r.detail();
        return new SolveResult(r.reason(), r.iterations(), r.residualNorm(), r.relativeResidual(), r.history(),
                detail);
    }
}
