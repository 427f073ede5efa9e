package io.krylovforge.precond.factor;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.Factorizations;
import io.krylovforge.direct.SparseFactorization;

/**
 * M = A, applied through a sparse direct factorisation (LU, Cholesky): one Krylov iteration then
 * solves a system with A, and a nearby matrix of the same pattern (the next sample of a sequence)
 * converges in a few. Either factorises the operator it is set up with ({@link #named}), keeping
 * the analysis while the pattern is unchanged, or wraps factors made elsewhere ({@link #of}),
 * which it then never refactorises. A zero pivot throws {@link PreconditionerFailedException}
 * naming the column.
 */
public final class ExactFactorization implements Preconditioner {
    private final String kind;
    private final boolean fixed;
    private SparseFactorization factors;
    private CsrMatrix factored;
    private double[] z;

    private ExactFactorization(String kind, SparseFactorization factors, boolean fixed) {
        this.kind = kind;
        this.factors = factors;
        this.fixed = fixed;
    }

    /** Factorises the matrix of each set-up with the factorisation called {@code kind} ("lu", "cholesky"). */
    public static ExactFactorization named(String kind) {
        if (!Factorizations.names().contains(kind)) {
            throw new IllegalArgumentException("unknown factorisation '" + kind + "'; valid names: "
                    + String.join(", ", Factorizations.names()));
        }
        return new ExactFactorization(kind, null, false);
    }

    /** M = the already factorised matrix behind {@code factors}, whatever operator the solver is given. */
    public static ExactFactorization of(SparseFactorization factors) {
        return new ExactFactorization(factors.name(), factors, true);
    }

    @Override
    public void setUp(LinearOperator a) {
        if (fixed || a == factored) {
            return;
        }
        if (!(a instanceof CsrMatrix csr)) {
            throw new PreconditionerFailedException(kind + " preconditioner needs an assembled CsrMatrix, got "
                    + a.getClass().getSimpleName());
        }
        if (factors == null || factored == null || !factored.samePattern(csr)) {
            factors = Factorizations.analyze(kind, csr);
        }
        factored = null;
        FactorStatus status = factors.factor(csr);
        if (!status.ok()) {
            throw new PreconditionerFailedException(kind + ": " + status.message()
                    + (status.column() >= 0 ? " (column " + status.column() + ")" : ""));
        }
        factored = csr;
    }

    @Override
    public void apply(Vector rv, Vector zv) {
        if (rv instanceof DenseVector rd && zv instanceof DenseVector zd) {
            factors.solve(rd.data(), zd.data()); // host vectors: no copies
            return;
        }
        int n = factors.size();
        if (z == null || z.length != n) {
            z = new double[n];
        }
        factors.solve(rv.toArray(), z);
        zv.setFrom(z);
    }

    @Override
    public String name() {
        return kind;
    }

    /** Cholesky's M is SPD when A is; LU's is not symmetric in general. */
    @Override
    public boolean isSymmetric() {
        return "cholesky".equals(kind);
    }
}
