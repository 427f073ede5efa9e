package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import java.util.Arrays;

/**
 * The caller-owned deflation space of {@link RecycledConjugateGradient}: W (n×k) and A·W for the
 * operator it was last used with, carried from one SPD solve to the next.
 *
 * <p>Memory: W and AW take {@code 2·n·k·8} bytes ({@link #bytes()}); between solves the space
 * also keeps the solver's collection buffers (the first {@code collect} search directions P and
 * A·P, and buffers for the next W and AW: {@link #workspaceBytes()}). {@link #clear()} drops all.
 * Handing a different operator object to the next solve recomputes A·W (k products); call
 * {@link #markOperatorChanged()} after changing a matrix in place. Not thread-safe.
 */
public final class DeflationSpace {
    int n = -1;
    int dim;
    Vector[] w = new Vector[0];
    Vector[] aw = new Vector[0];
    // workspace: collected directions and double buffers
    Vector[] p = new Vector[0];
    Vector[] ap = new Vector[0];
    Vector[] wNext = new Vector[0];
    Vector[] awNext = new Vector[0];
    private LinearOperator operator;
    private boolean stale;

    private DeflationSpace() {
    }

    /** A new space with nothing in it. */
    public static DeflationSpace empty() {
        return new DeflationSpace();
    }

    /** Number of deflation vectors k held. */
    public int dimension() {
        return dim;
    }

    /** Bytes held by W and AW: 2·n·k·8. */
    public long bytes() {
        return RecycleSpace.bytesNeeded(Math.max(n, 0), dim);
    }

    /** Bytes held by the collection buffers and next-space buffers. */
    public long workspaceBytes() {
        return (long) Math.max(n, 0) * Double.BYTES * (p.length + ap.length + wNext.length + awNext.length);
    }

    /** Drops everything; the next solve is plain (P)CG. */
    public void clear() {
        n = -1;
        dim = 0;
        w = new Vector[0];
        aw = new Vector[0];
        p = new Vector[0];
        ap = new Vector[0];
        wNext = new Vector[0];
        awNext = new Vector[0];
        operator = null;
        stale = false;
    }

    /** Says the operator's values changed in place: A·W is recomputed at the next solve. */
    public void markOperatorChanged() {
        stale = true;
    }

    void reserve(int length, int k, int collect, Vector template) {
        if (n >= 0 && n != length) {
            throw new IllegalArgumentException("deflation space holds vectors of length " + n
                    + " but the system has n=" + length + "; call clear() first");
        }
        if (n == length && w.length >= k && p.length >= collect) {
            return;
        }
        RecycleSpace.checkFits(length, k);
        w = grow(w, k, template);
        aw = grow(aw, k, template);
        wNext = grow(wNext, k, template);
        awNext = grow(awNext, k, template);
        p = grow(p, collect, template);
        ap = grow(ap, collect, template);
        n = length;
    }

    private static Vector[] grow(Vector[] old, int size, Vector template) {
        if (old.length >= size) {
            return old;
        }
        Vector[] out = Arrays.copyOf(old, size);
        for (int i = old.length; i < size; i++) {
            out[i] = template.zerosLike();
        }
        return out;
    }

    boolean builtFor(LinearOperator a) {
        return !stale && operator == a;
    }

    void markBuiltFor(LinearOperator a) {
        operator = a;
        stale = false;
    }

    @Override
    public String toString() {
        return "DeflationSpace[k=" + dim + ", n=" + Math.max(n, 0) + ", bytes=" + bytes() + "]";
    }
}
