package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/** M = I: what "no preconditioner" means, so solvers need no null checks in their loops. */
public final class IdentityPreconditioner implements Preconditioner {
    @Override
    public void setUp(LinearOperator a) {
        // nothing to build
    }

    @Override
    public void apply(Vector r, Vector z) {
        z.copyFrom(r); // z = r
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
