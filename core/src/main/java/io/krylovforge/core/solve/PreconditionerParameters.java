package io.krylovforge.core.solve;

/**
 * Parameters a preconditioner registry passes to the preconditioner it builds by name (the
 * {@code precond} module's {@code Preconditioners.create(name, params)}); each preconditioner reads
 * the ones it has and ignores the rest, as {@code SolverParameters} does for solvers. Immutable and
 * validated; start from {@link #defaults()} and change with the {@code withX} copies.
 *
 * @param omega         SSOR relaxation ω in (0, 2) (default 1: symmetric Gauss–Seidel)
 * @param blockSize     block-Jacobi rows per block, ≥ 1 (default 4)
 * @param degree        Chebyshev polynomial degree, ≥ 1 (default 4)
 * @param dropTolerance ILUT drop tolerance τ ≥ 0 (default 1e-4)
 * @param fill          ILUT entries kept per row in each of L and U, ≥ 0 (default 10)
 */
public record PreconditionerParameters(double omega, int blockSize, int degree, double dropTolerance, int fill) {
    /**
     * Validates the parameters.
     *
     * @param omega         ω in (0, 2)
     * @param blockSize     ≥ 1
     * @param degree        ≥ 1
     * @param dropTolerance τ ≥ 0 and finite
     * @param fill          ≥ 0
     * @throws IllegalArgumentException naming the bad parameter
     */
    public PreconditionerParameters {
        if (!(omega > 0.0 && omega < 2.0)) {
            throw new IllegalArgumentException("SSOR omega must be in (0, 2), got " + omega);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be >= 1, got " + blockSize);
        }
        if (degree < 1) {
            throw new IllegalArgumentException("Chebyshev degree must be >= 1, got " + degree);
        }
        if (!(dropTolerance >= 0.0) || Double.isInfinite(dropTolerance)) {
            throw new IllegalArgumentException("ILUT drop tolerance must be >= 0 and finite, got " + dropTolerance);
        }
        if (fill < 0) {
            throw new IllegalArgumentException("ILUT fill must be >= 0, got " + fill);
        }
    }

    /**
     * ω 1, blocks of 4, degree 4, τ 1e-4, fill 10: the registry's defaults.
     *
     * @return the defaults
     */
    public static PreconditionerParameters defaults() {
        return new PreconditionerParameters(1.0, 4, 4, 1e-4, 10);
    }

    /**
     * A copy with SSOR relaxation {@code value}.
     *
     * @param value ω in (0, 2)
     * @return the changed copy
     */
    public PreconditionerParameters withOmega(double value) {
        return new PreconditionerParameters(value, blockSize, degree, dropTolerance, fill);
    }

    /**
     * A copy with block-Jacobi block size {@code value}.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public PreconditionerParameters withBlockSize(int value) {
        return new PreconditionerParameters(omega, value, degree, dropTolerance, fill);
    }

    /**
     * A copy with Chebyshev degree {@code value}.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public PreconditionerParameters withDegree(int value) {
        return new PreconditionerParameters(omega, blockSize, value, dropTolerance, fill);
    }

    /**
     * A copy with ILUT drop tolerance {@code value}.
     *
     * @param value τ ≥ 0
     * @return the changed copy
     */
    public PreconditionerParameters withDropTolerance(double value) {
        return new PreconditionerParameters(omega, blockSize, degree, value, fill);
    }

    /**
     * A copy with ILUT fill {@code value}.
     *
     * @param value ≥ 0
     * @return the changed copy
     */
    public PreconditionerParameters withFill(int value) {
        return new PreconditionerParameters(omega, blockSize, degree, dropTolerance, value);
    }
}
