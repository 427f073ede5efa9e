package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.solvers.krylov.PreconditionerSide;

/**
 * Â, the operator GCRO-DR iterates on: A·M⁻¹ (right), M⁻¹·A (left) or A (no M), and the map of
 * a correction from Â's space back to x.
 */
final class PreconditionedOperator {
    final LinearOperator a;
    final Preconditioner prec;
    final boolean left;
    final boolean right;
    private final Vector tmp;

    /** @param tmp scratch of size n (in/out, overwritten by every call) */
    PreconditionedOperator(LinearOperator a, Preconditioner prec, PreconditionerSide side, Vector tmp) {
        this.a = a;
        this.prec = prec;
        this.left = prec != null && side == PreconditionerSide.LEFT;
        this.right = prec != null && side == PreconditionerSide.RIGHT;
        this.tmp = tmp;
    }

    /** out ← Â v. */
    void apply(Vector v, Vector out) {
        if (right) {
            prec.apply(v, tmp); // tmp = M^-1 v
            a.apply(tmp, out); // out = A M^-1 v
        } else if (left) {
            a.apply(v, tmp); // tmp = A v
            prec.apply(tmp, out); // out = M^-1 A v
        } else {
            a.apply(v, out);
        }
    }

    /**
     * out ← Â v and returns withᵀout, summed as {@code with.dot(out)} sums it: in the product's
     * pass when no left preconditioner follows the product (GMRES takes h(j,j) the same way).
     */
    double applyDot(Vector v, Vector out, Vector with) {
        if (right) {
            prec.apply(v, tmp); // tmp = M^-1 v
            return out.backend().applyDotWith(a, tmp, out, with); // out = A M^-1 v
        } else if (left) {
            apply(v, out);
            return with.dot(out);
        }
        return out.backend().applyDotWith(a, v, out, with);
    }

    /** x ← x + z, with M⁻¹ applied to z first under right preconditioning. */
    void addCorrection(Vector z, Vector x) {
        if (right) {
            prec.apply(z, tmp);
            x.axpy(1.0, tmp);
        } else {
            x.axpy(1.0, z);
        }
    }
}
