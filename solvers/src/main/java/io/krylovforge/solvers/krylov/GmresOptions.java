package io.krylovforge.solvers.krylov;

/**
 * Options of {@link Gmres} and {@link FlexibleGmres}. Immutable and validated; start from
 * {@link #defaults()} and change with the {@code withX} copies:
 * {@code new Gmres(GmresOptions.defaults().withRestart(40).withSide(PreconditionerSide.LEFT))}.
 *
 * @param restart            Krylov basis size m before a restart, ≥ 1 (default {@value Gmres#DEFAULT_RESTART})
 * @param reorthogonalization second Gram–Schmidt pass or not (default {@link Reorthogonalization#NONE})
 * @param side               where M is applied (default RIGHT; FGMRES accepts only RIGHT)
 */
public record GmresOptions(int restart, Reorthogonalization reorthogonalization, PreconditionerSide side) {
    /**
     * Validates the options.
     *
     * @param restart            m ≥ 1
     * @param reorthogonalization not null
     * @param side               not null
     * @throws IllegalArgumentException naming the bad option
     */
    public GmresOptions {
        if (restart < 1) {
            throw new IllegalArgumentException("GMRES restart must be >= 1, got " + restart);
        }
        if (reorthogonalization == null) {
            throw new IllegalArgumentException("reorthogonalization must not be null");
        }
        if (side == null) {
            throw new IllegalArgumentException("preconditioner side must not be null");
        }
    }

    /**
     * GMRES(30), one Gram–Schmidt pass, right preconditioning.
     *
     * @return the defaults
     */
    public static GmresOptions defaults() {
        return new GmresOptions(Gmres.DEFAULT_RESTART, Reorthogonalization.NONE, PreconditionerSide.RIGHT);
    }

    /**
     * A copy with restart length {@code m}.
     *
     * @param m restart length ≥ 1
     * @return the changed copy
     */
    public GmresOptions withRestart(int m) {
        return new GmresOptions(m, reorthogonalization, side);
    }

    /**
     * A copy with {@code value} as re-orthogonalisation.
     *
     * @param value NONE or IF_NEEDED
     * @return the changed copy
     */
    public GmresOptions withReorthogonalization(Reorthogonalization value) {
        return new GmresOptions(restart, value, side);
    }

    /**
     * A copy that applies M on {@code value}.
     *
     * @param value LEFT or RIGHT
     * @return the changed copy
     */
    public GmresOptions withSide(PreconditionerSide value) {
        return new GmresOptions(restart, reorthogonalization, value);
    }
}
