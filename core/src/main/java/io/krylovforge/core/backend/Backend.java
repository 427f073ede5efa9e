package io.krylovforge.core.backend;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/**
 * Where vectors live and kernels run. The CPU backend is the reference; GPU backends (module
 * {@code gpu}) implement the same contract and may override the fused steps.
 */
public interface Backend {
    /** Short name: "cpu", "cuda", "opencl". */
    String name();

    /** A new zero vector of size n on this backend. */
    Vector zeros(int n);

    /** A new vector on this backend holding {@code values} (an upload for devices). */
    default Vector of(double[] values) {
        Vector v = zeros(values.length);
        v.setFrom(values);
        return v;
    }

    /**
     * Fused q ← A·p and returns pᵀq (CG's product and the dot that follows it). Backends
     * override it to read p and q once.
     */
    default double applyDot(LinearOperator a, Vector p, Vector q) {
        a.apply(p, q);
        return p.dot(q);
    }

    /**
     * CG's direction update fused with its product: p ← z + β·p, q ← A·p, returns pᵀq, with the
     * values of {@code p.axpby(1, z, beta)} followed by {@link #applyDot}. Backends override it to
     * sweep p once.
     *
     * @param a    the operator
     * @param z    the (preconditioned) residual
     * @param beta the direction's coefficient
     * @param p    the direction, updated in place
     * @param q    receives A·p
     * @return pᵀq with the updated p
     */
    default double updateApplyDot(LinearOperator a, Vector z, double beta, Vector p, Vector q) {
        p.axpby(1.0, z, beta);
        return applyDot(a, p, q);
    }

    /**
     * CG's direction update with the previous step's x ← x + α·p folded in: x ← x + αPrev·p with
     * the old p, then p ← z + β·p, q ← A·p, returns pᵀq, with the values of {@code x.axpy(alphaPrev,
     * p)} followed by {@link #updateApplyDot(LinearOperator, Vector, double, Vector, Vector)}. CG
     * defers its x update to this sweep, which reads the old p anyway. Backends override it to
     * sweep p and x once.
     *
     * @param a         the operator
     * @param z         the (preconditioned) residual
     * @param beta      the direction's coefficient
     * @param p         the direction, updated in place (read first for x's update)
     * @param q         receives A·p
     * @param alphaPrev the previous step's length along the old p
     * @param x         the iterate, updated in place (aliases none of z, p, q)
     * @return pᵀq with the updated p
     */
    default double updateApplyDot(LinearOperator a, Vector z, double beta, Vector p, Vector q, double alphaPrev,
            Vector x) {
        x.axpy(alphaPrev, p);
        return updateApplyDot(a, z, beta, p, q);
    }

    /**
     * Fused q ← A·p and returns wᵀq (BiCGStab's v = A p̂ and r̂ᵀv), summed as {@code w.dot(q)}
     * sums. Backends override it to read q once.
     *
     * @param a the operator
     * @param p the vector multiplied
     * @param q receives A·p
     * @param w the vector dotted with the product
     * @return wᵀq
     */
    default double applyDotWith(LinearOperator a, Vector p, Vector q, Vector w) {
        a.apply(p, q);
        return w.dot(q);
    }

    /**
     * Fused y ← y + a·x, returns yᵀz of the updated y (z may be y). Modified Gram–Schmidt chains
     * these so each basis vector costs one pass instead of two.
     */
    default double axpyDot(double a, Vector x, Vector y, Vector z) {
        y.axpy(a, x);
        return y.dot(z);
    }

    /**
     * Fused CG step: x ← x + alpha·p, r ← r − alpha·q, returns rᵀr. Backends override it to
     * pass over the four vectors once.
     */
    default double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        x.axpy(alpha, p);
        r.axpy(-alpha, q);
        return r.dot(r);
    }

    /**
     * Classical Gram–Schmidt's projections: {@code out[offset + i] = v[i]ᵀw} for i &lt; count, and
     * returns wᵀw. Backends override it to read w once for all the vectors.
     */
    default double multiDot(Vector[] v, int count, Vector w, double[] out, int offset) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = v[i].dot(w);
        }
        return w.dot(w);
    }

    /**
     * Classical Gram–Schmidt's update: w ← w − Σᵢ {@code coef[offset + i]}·v[i] for i &lt; count,
     * then returns wᵀw. Backends override it to pass over w once.
     */
    default double multiAxpyNorm(Vector[] v, int count, double[] coef, int offset, Vector w) {
        for (int i = 0; i < count; i++) {
            w.axpy(-coef[offset + i], v[i]);
        }
        return w.dot(w);
    }

    /**
     * BiCGStab's direction update p ← r + β(p − ω·v), as {@code p.axpy(-ω, v)} then
     * {@code p.axpby(1, r, β)} compute it (same roundings). Backends override it to pass once.
     */
    default void bicgDirection(double beta, double omega, Vector r, Vector v, Vector p) {
        p.axpy(-omega, v);
        p.axpby(1.0, r, beta);
    }

    /**
     * BiCGStab's closing step: x ← x + a·p + b·s (as {@link #axpy2}), r ← r − b·t, returns the
     * new rᵀr and stores r̂ᵀr in {@code rho[0]} (the next iteration's ρ), with the roundings of
     * those separate calls. s may be r itself (it is read before r changes). Backends override it
     * to pass over the vectors once.
     *
     * @param a    step along p
     * @param p    first direction
     * @param b    step along s, and minus the step along t
     * @param s    second direction (may be r)
     * @param x    updated in place
     * @param t    subtracted from r
     * @param r    updated in place
     * @param rhat the shadow residual r̂
     * @param rho  receives r̂ᵀr in {@code rho[0]}; at least two entries (the second is scratch)
     * @return rᵀr of the updated r
     */
    default double bicgUpdate(double a, Vector p, double b, Vector s, Vector x, Vector t, Vector r, Vector rhat,
            double[] rho) {
        axpy2(a, p, b, s, x);
        r.axpy(-b, t);
        rho[0] = rhat.dot(r);
        return r.dot(r);
    }

    /**
     * x ← x + a·p + b·s, as two axpy calls compute it (same roundings). Backends override it to
     * pass over x once.
     */
    default void axpy2(double a, Vector p, double b, Vector s, Vector x) {
        x.axpy(a, p);
        x.axpy(b, s);
    }
}
