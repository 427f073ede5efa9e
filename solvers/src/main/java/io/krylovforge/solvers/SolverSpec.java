package io.krylovforge.solvers;

import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerProvider;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.recycle.GcroDr;
import io.krylovforge.solvers.recycle.GcroDrOptions;
import io.krylovforge.solvers.recycle.Orthogonalization;
import io.krylovforge.solvers.recycle.RecycledConjugateGradient;
import io.krylovforge.solvers.recycle.RecycledConjugateGradientOptions;
import io.krylovforge.solvers.recycle.SequenceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Everything that says how a system is solved, parsed and validated in one place and used by the
 * library, {@code kforge solve}, {@code generate} and {@code sequence} alike: the method and
 * preconditioner by registry name ({@link Solvers}, {@link PreconditionerProvider}), the stopping
 * rule, the method parameters, the recycling settings and the device. Immutable; a bad value
 * throws {@link IllegalArgumentException} naming the option and value.
 *
 * @param solver        a {@link Solvers#names()} name, e.g. {@code auto}, {@code gmres}, {@code gcrodr}
 * @param precond       a preconditioner name, or {@code none}
 * @param rtol          stop when ‖b − Ax‖ ≤ max(rtol·‖b‖, atol); in [0, 1)
 * @param atol          absolute floor, ≥ 0 (rtol and atol not both 0)
 * @param dtol          divergence when ‖r‖ &gt; dtol·‖r₀‖, &gt; 1; 0 = the method's default
 *                      (methods with known transient growth, such as BiCGStab, may allow more)
 * @param maxIterations iteration limit per solve; 0 = max(10000, 10 n) for n unknowns
 * @param restart       GMRES-type restart length m; 0 = the method's default (GMRES 30, GCRO-DR 40)
 * @param recycle       GCRO-DR recycle dimension k / RCG deflation dimension (0 ≤ k &lt; m)
 * @param refreshEvery  GCRO-DR refreshes its recycle space every R-th cycle (≥ 1; 1 = Parks et al.)
 * @param omega         relaxation factor ω of SOR/SSOR/Richardson/Jacobi and of the SSOR preconditioner, &gt; 0
 * @param device        where the solve runs: {@code cpu}, {@code auto}, {@code cuda[:N]}, {@code opencl[:P:D]}
 */
public record SolverSpec(String solver, String precond, double rtol, double atol, double dtol, int maxIterations,
        int restart, int recycle, int refreshEvery, double omega, String device) {
    private static final Pattern DEVICE = Pattern.compile("cpu|auto|cuda(:\\d+)?|opencl(:\\d+(:\\d+)?)?");

    /**
     * Normalises the names (trimmed, lower case; blank precond is {@code none}, blank device
     * {@code cpu}) and validates every value.
     *
     * @throws IllegalArgumentException naming the option and the bad value (unknown names list the valid ones)
     */
    public SolverSpec {
        solver = solver == null ? "" : solver.trim().toLowerCase(Locale.ROOT);
        precond = precond == null || precond.isBlank() ? "none" : precond.trim().toLowerCase(Locale.ROOT);
        device = device == null || device.isBlank() ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
        if (!Solvers.names().contains(solver)) {
            throw new IllegalArgumentException("unknown solver '" + solver + "'; valid names: "
                    + String.join(", ", Solvers.names()));
        }
        if (!precond.equals("none") && providerFor(precond) == null) {
            throw new IllegalArgumentException("unknown preconditioner '" + precond + "'; valid names: "
                    + String.join(", ", preconditionerNames()));
        }
        if (!(rtol >= 0.0 && rtol < 1.0)) {
            throw new IllegalArgumentException("--rtol must be in [0, 1) (a relative residual of 1 is reached by x = 0), got "
                    + rtol);
        }
        if (!(atol >= 0.0) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("--atol must be >= 0 and finite, got " + atol);
        }
        if (rtol == 0.0 && atol == 0.0) {
            throw new IllegalArgumentException("--rtol and --atol are both 0: no residual can be reached; give one of them");
        }
        if (!(dtol > 1.0) && dtol != 0.0) {
            throw new IllegalArgumentException("--dtol must be > 1, got " + dtol);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("--max-iterations must be >= 0, got " + maxIterations + " (0: the default)");
        }
        if (restart < 0) {
            throw new IllegalArgumentException("--restart must be >= 1 (or 0 for the method's default), got " + restart);
        }
        int m = restart > 0 ? restart : usesRecycling(solver) ? GcroDr.DEFAULT_RESTART : Gmres.DEFAULT_RESTART;
        if (recycle < 0 || solver.equals("gcrodr") && recycle >= m) {
            throw new IllegalArgumentException("--recycle must be >= 0 (and < --restart for gcrodr); got recycle "
                    + recycle + ", restart " + m);
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("--refresh-every must be >= 1, got " + refreshEvery);
        }
        if (!(omega > 0.0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("--omega must be > 0 and finite, got " + omega);
        }
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("unknown device '" + device
                    + "'; use cpu, auto, cuda[:N] or opencl[:P[:D]]");
        }
    }

    /**
     * auto, no preconditioner, rtol 1e-8, atol 0, the method's dtol, default limit and restart,
     * k 20, refresh every 4th cycle (measured, bench/results/skr_notes.md), ω 1, cpu.
     *
     * @return the defaults
     */
    public static SolverSpec defaults() {
        return new SolverSpec("auto", "none", 1e-8, 0.0, 0.0, 0, 0, GcroDr.DEFAULT_RECYCLE, SequenceOptions.DEFAULT_REFRESH_EVERY, 1.0, "cpu");
    }

    /**
     * Whether {@code solver} carries a recycle space across systems (sorted recycling, SKR).
     *
     * @param solver a registry name
     * @return true for gcrodr and rcg
     */
    public static boolean usesRecycling(String solver) {
        return solver.equals("gcrodr") || solver.equals("rcg");
    }

    /** {@return whether this spec's solver recycles across a sequence of systems} */
    public boolean recycles() {
        return usesRecycling(solver);
    }

    /**
     * The iteration limit for n unknowns.
     *
     * @param n unknowns
     * @return maxIterations, or max(10000, 10 n) when it is 0
     */
    public int iterationLimit(int n) {
        return maxIterations > 0 ? maxIterations : (int) Math.min(Integer.MAX_VALUE, Math.max(10_000L, 10L * n));
    }

    /** {@return the restart length: the given one, or the method's default} */
    public int restartOrDefault() {
        if (restart > 0) {
            return restart;
        }
        return recycles() ? GcroDr.DEFAULT_RESTART : Gmres.DEFAULT_RESTART;
    }

    /**
     * Stopping rule and limit for n unknowns, no preconditioner (see {@link #createPreconditioner()});
     * dtol 0 leaves {@link SolverOptions#defaults()}'s (a caller that knows the method may put its default in).
     *
     * @param n unknowns (for the default iteration limit)
     * @return the stopping rule
     */
    public SolverOptions options(int n) {
        SolverOptions o = SolverOptions.defaults().withRtol(rtol).withAtol(atol).withMaxIterations(iterationLimit(n));
        return dtol > 0.0 ? o.withDtol(dtol) : o;
    }

    /**
     * Like {@link #options(int)}, with {@code solver}'s own default dtol when this spec gives none
     * (BiCGStab-type methods pass through long transients; see {@link IterativeSolver#defaultDtol()}).
     *
     * @param n      unknowns (for the default iteration limit)
     * @param solver the solver whose default dtol applies
     * @return the stopping rule
     */
    public SolverOptions options(int n, IterativeSolver solver) {
        SolverOptions o = options(n);
        return dtol > 0.0 ? o : o.withDtol(solver.defaultDtol());
    }

    /** {@return the registry's method parameters} */
    public SolverParameters parameters() {
        return SolverParameters.defaults().withRestart(restartOrDefault()).withOmega(omega);
    }

    /** {@return a new solver from the registry (GCRO-DR and RCG with this spec's recycle settings)} */
    public IterativeSolver createSolver() {
        if (solver.equals("gcrodr")) {
            return new GcroDr(new GcroDrOptions(restartOrDefault(), recycle, PreconditionerSide.RIGHT,
                    Orthogonalization.CLASSICAL_REFINED, refreshEvery));
        }
        if (solver.equals("rcg")) {
            return new RecycledConjugateGradient(new RecycledConjugateGradientOptions(recycle,
                    Math.max(recycle, restartOrDefault())));
        }
        return Solvers.create(solver, parameters());
    }

    /** {@return a new preconditioner, or null for {@code none}} */
    public Preconditioner createPreconditioner() {
        if (precond.equals("none")) {
            return null;
        }
        PreconditionerProvider p = providerFor(precond);
        if (p == null) {
            throw new IllegalStateException("internal: preconditioner '" + precond + "' was validated but has no provider");
        }
        return p.create(precond, omega);
    }

    /** {@return every preconditioner name a spec accepts ({@code none} first)} */
    public static List<String> preconditionerNames() {
        List<String> names = new ArrayList<>();
        names.add("none");
        for (PreconditionerProvider p : ServiceLoader.load(PreconditionerProvider.class,
                SolverSpec.class.getClassLoader())) {
            for (String n : p.names()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static PreconditionerProvider providerFor(String name) {
        for (PreconditionerProvider p : ServiceLoader.load(PreconditionerProvider.class,
                SolverSpec.class.getClassLoader())) {
            if (p.names().contains(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * A short description, e.g. {@code gmres(30)+ilu0, rtol 1e-08}.
     *
     * @return the description
     */
    public String describe() {
        String m = solver.equals("gmres") || solver.equals("fgmres") ? "(" + restartOrDefault() + ")"
                : recycles() ? "(" + restartOrDefault() + "," + recycle + ")" : "";
        return String.format(Locale.ROOT, "%s%s%s, rtol %.0e", solver, m, precond.equals("none") ? "" : "+" + precond,
                rtol);
    }

    /**
     * A copy with {@code solver} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code solver}
     * @return the changed copy
     */
    public SolverSpec withSolver(String v) {
        return new SolverSpec(v, precond, rtol, atol, dtol, maxIterations, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code precond} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code precond}
     * @return the changed copy
     */
    public SolverSpec withPrecond(String v) {
        return new SolverSpec(solver, v, rtol, atol, dtol, maxIterations, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code rtol} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code rtol}
     * @return the changed copy
     */
    public SolverSpec withRtol(double v) {
        return new SolverSpec(solver, precond, v, atol, dtol, maxIterations, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code atol} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code atol}
     * @return the changed copy
     */
    public SolverSpec withAtol(double v) {
        return new SolverSpec(solver, precond, rtol, v, dtol, maxIterations, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code dtol} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code dtol}
     * @return the changed copy
     */
    public SolverSpec withDtol(double v) {
        return new SolverSpec(solver, precond, rtol, atol, v, maxIterations, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code maxIterations} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code maxIterations}
     * @return the changed copy
     */
    public SolverSpec withMaxIterations(int v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, v, restart, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code restart} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code restart}
     * @return the changed copy
     */
    public SolverSpec withRestart(int v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, maxIterations, v, recycle, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code recycle} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code recycle}
     * @return the changed copy
     */
    public SolverSpec withRecycle(int v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, maxIterations, restart, v, refreshEvery, omega, device);
    }

    /**
     * A copy with {@code refreshEvery} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code refreshEvery}
     * @return the changed copy
     */
    public SolverSpec withRefreshEvery(int v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, maxIterations, restart, recycle, v, omega, device);
    }

    /**
     * A copy with {@code omega} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code omega}
     * @return the changed copy
     */
    public SolverSpec withOmega(double v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, maxIterations, restart, recycle, refreshEvery, v, device);
    }

    /**
     * A copy with {@code device} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code device}
     * @return the changed copy
     */
    public SolverSpec withDevice(String v) {
        return new SolverSpec(solver, precond, rtol, atol, dtol, maxIterations, restart, recycle, refreshEvery, omega, v);
    }
}
