package io.krylovforge.solvers;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.BiCgStab;
import io.krylovforge.solvers.krylov.BiCgStabL;
import io.krylovforge.solvers.krylov.BiCgStabLOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.FlexibleConjugateGradient;
import io.krylovforge.solvers.krylov.FlexibleGmres;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.Minres;
import io.krylovforge.solvers.krylov.PipelinedConjugateGradient;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.krylov.Tfqmr;
import io.krylovforge.solvers.recycle.GcroDr;
import io.krylovforge.solvers.recycle.RecycledConjugateGradient;
import io.krylovforge.solvers.stationary.ChebyshevIteration;
import io.krylovforge.solvers.stationary.GaussSeidel;
import io.krylovforge.solvers.stationary.Jacobi;
import io.krylovforge.solvers.stationary.Richardson;
import io.krylovforge.solvers.stationary.SuccessiveOverRelaxation;
import io.krylovforge.solvers.stationary.SymmetricSuccessiveOverRelaxation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Solvers by name, as the CLI and configuration files know them. Names are lower case; an
 * unknown name throws an IllegalArgumentException listing the valid ones.
 *
 * <p>{@code auto} is the polyalgorithm a {@link SolverProvider} registers under that name (the
 * {@code auto} module: direct factorisations, AMG, escalation on failure) when it is on the class
 * path. Without it, the fallback here picks per matrix: CG when A is a {@link CsrMatrix} that is symmetric
 * ({@code isSymmetric(1e-12)}) with a positive diagonal, else GMRES(restart). Symmetric with a
 * positive diagonal does not prove positive definiteness; should CG meet pᵀAp ≤ 0 it reports
 * DIVERGED_INDEFINITE_MATRIX rather than silently switching.
 */
public final class Solvers {
    private static final List<String> NAMES = List.of("cg", "pcg", "pipecg", "fcg", "minres", "gmres", "fgmres",
            "bicgstab", "bicgstabl", "tfqmr", "richardson", "jacobi", "gauss-seidel", "sor", "ssor",
            "chebyshev", "gcrodr", "rcg", "auto");

    private Solvers() {
    }

    /** {@return every name {@link #create} accepts: the built-in ones and those of every {@link SolverProvider}} */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NAMES);
        for (SolverProvider p : providers()) {
            for (String n : p.names()) {
                if (!all.contains(n)) {
                    all.add(n);
                }
            }
        }
        return List.copyOf(all);
    }

    private static Iterable<SolverProvider> providers() {
        return ServiceLoader.load(SolverProvider.class, Solvers.class.getClassLoader());
    }

    /** The provider that knows {@code key}, or null. */
    private static SolverProvider providerFor(String key) {
        for (SolverProvider p : providers()) {
            if (p.names().contains(key)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The solver called {@code name} with the default parameters.
     *
     * @param name one of {@link #names()} (any case)
     * @return a new solver
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static IterativeSolver create(String name) {
        return create(name, SolverParameters.defaults());
    }

    /**
     * The solver called {@code name} with {@code params}. For {@code auto} it returns a solver
     * that makes the {@link #choose} decision at each solve.
     *
     * @param name   one of {@link #names()} (any case)
     * @param params method parameters (restart, ω, ℓ...)
     * @return a new solver
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static IterativeSolver create(String name, SolverParameters params) {
        String key = normalize(name);
        SolverParameters p = params == null ? SolverParameters.defaults() : params;
        switch (key) {
            case "cg":
            case "pcg":
                return new ConjugateGradient();
            case "fcg":
                return new FlexibleConjugateGradient();
            case "pipecg":
                return new PipelinedConjugateGradient();
            case "minres":
                return new Minres();
            case "gmres":
                return new Gmres(p.gmresOptions());
            case "fgmres":
                return new FlexibleGmres(p.gmresOptions().withSide(PreconditionerSide.RIGHT));
            case "bicgstab":
                return new BiCgStab();
            case "bicgstabl":
                return new BiCgStabL(new BiCgStabLOptions(p.ell()));
            case "tfqmr":
                return new Tfqmr();
            case "richardson":
                return new Richardson(p.omega());
            case "jacobi":
                return new Jacobi(p.omega());
            case "gauss-seidel":
                return new GaussSeidel();
            case "sor":
                return new SuccessiveOverRelaxation(p.omega());
            case "ssor":
                return new SymmetricSuccessiveOverRelaxation(p.omega());
            case "chebyshev":
                return new ChebyshevIteration();
            case "gcrodr":
                // one system: GCRO-DR still deflates across its own restarts; sequences carry the space (SolverSpec)
                return new GcroDr(p.restart(), Math.min(GcroDr.DEFAULT_RECYCLE, p.restart() / 2));
            case "rcg":
                return new RecycledConjugateGradient();
            case "auto":
                SolverProvider registered = providerFor(key);
                return registered != null ? registered.create(key, p) : new Auto(p);
            default:
                SolverProvider provider = providerFor(key);
                if (provider == null) {
                    throw unknown(name);
                }
                return provider.create(key, p);
        }
    }

    /**
     * The solver called {@code name}, configured by {@code spec} (restart, recycle dimension,
     * refresh period, ω): the same solver {@code kforge solve --solver name} builds from the
     * same options. {@code spec}'s own solver name is replaced by {@code name}.
     *
     * @param name one of {@link #names()} (any case)
     * @param spec the method parameters; {@code null} for {@link SolverSpec#defaults()}
     * @return a new solver
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static IterativeSolver create(String name, SolverSpec spec) {
        SolverSpec s = spec == null ? SolverSpec.defaults() : spec;
        return s.withSolver(normalize(name)).createSolver();
    }

    /**
     * Like {@link #create}, but resolves {@code auto} for the matrix {@code a} now.
     *
     * @param name   one of {@link #names()}
     * @param a      the matrix {@code auto} decides for
     * @param params method parameters
     * @return a new solver
     * @throws IllegalArgumentException for an unknown name
     */
    public static IterativeSolver choose(String name, LinearOperator a, SolverParameters params) {
        SolverParameters p = params == null ? SolverParameters.defaults() : params;
        if (!normalize(name).equals("auto") || providerFor("auto") != null) {
            return create(name, p);
        }
        return looksSpd(a) ? new ConjugateGradient() : new Gmres(p.gmresOptions());
    }

    /** Symmetric (to 1e-12 relative) CSR matrix with a positive diagonal. */
    static boolean looksSpd(LinearOperator a) {
        if (!(a instanceof CsrMatrix csr) || !csr.isSymmetric(1e-12)) {
            return false;
        }
        for (double d : csr.diagonal()) {
            if (!(d > 0.0)) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String name) {
        if (name == null) {
            throw unknown(null);
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        return key.equals("gaussseidel") || key.equals("gs") ? "gauss-seidel" : key;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown solver '" + name + "'; valid names: "
                + String.join(", ", names()));
    }

    /** {@code auto}: decides per solve. */
    private static final class Auto implements IterativeSolver {
        private final SolverParameters params;

        Auto(SolverParameters params) {
            this.params = params;
        }

        @Override
        public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
            return choose("auto", a, params).solve(a, b, x, options);
        }

        @Override
        public String name() {
            return "auto";
        }
    }
}
