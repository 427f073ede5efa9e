package io.krylovforge.examples;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import java.util.Locale;

/** The check every example ends with: recompute ‖b − Ax‖/‖b‖ and exit non-zero when it is too big. */
final class Check {
    private Check() {
    }

    /** Prints the solve and exits with status 1 unless it converged with a true relative residual ≤ bound. */
    static void solved(String what, SolveResult result, LinearOperator a, Vector b, Vector x, double bound) {
        double rel = a.relativeResidual(b, x); // recomputed, not the solver's word for it
        System.out.printf(Locale.ROOT, "%-28s %s; true relative residual %.2e%n", what, result.summary(), rel);
        that(result.converged() && rel <= bound, what + ": relative residual " + rel + " above " + bound);
    }

    /** Exits with status 1 and the message unless {@code ok}. */
    static void that(boolean ok, String message) {
        if (!ok) {
            System.err.println("FAILED: " + message);
            System.exit(1);
        }
    }
}
