package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;

/**
 * One level of an AMG hierarchy: its operator A, the prolongator P to it from the next coarser
 * level's unknowns and the restrictor R = Pᵀ, and its pre- and post-smoothers. On the coarsest
 * level P, R and the smoothers are {@code null} (it is solved directly).
 */
public record Level(CsrMatrix a, CsrMatrix p, CsrMatrix r, Smoother pre, Smoother post) {

    /** {@return whether this is the coarsest level} */
    public boolean isCoarsest() {
        return p == null;
    }
}
