package io.krylovforge.solvers.recycle;

import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;

/**
 * The caller-owned recycle space of {@link GcroDr}, carried from one solve to the next (like the
 * {@code CU} list of SciPy's {@code gcrotmk}): U_k and C_k with Â·U_k = C_k and C_kᵀC_k = I, where
 * Â is the (preconditioned) operator the space was last built for.
 *
 * <p>Memory: the space holds k vectors U and k vectors C of length n, that is
 * {@code 2·n·k·8} bytes ({@link #bytes()}); {@link #bytesNeeded(long, int)} gives the figure in
 * advance. Between solves it also keeps the solver's workspace (the m+1 Arnoldi vectors and
 * double buffers for U and C, {@link #workspaceBytes()}) so that a sequence of same-size solves
 * allocates nothing; {@link #clear()} drops both.
 *
 * <p>The space remembers which operator and preconditioner object it was built for. Handing the
 * same objects to the next solve skips the re-orthogonalisation of A·U; a different object
 * triggers it. If you change a matrix's values in place, call {@link #markOperatorChanged()}.
 *
 * <p>Not thread-safe: one space per chain of solves.
 */
public final class RecycleSpace {
    private int n = -1;
    private int dim;
    private Vector[] u = new Vector[0];
    private Vector[] c = new Vector[0];
    private LinearOperator operator;
    private Preconditioner preconditioner;
    private PreconditionerSide side;
    private boolean stale;
    private GcroDrWorkspace workspace;

    private RecycleSpace() {
    }

    /** A new space with nothing in it (the first solve builds it). */
    public static RecycleSpace empty() {
        return new RecycleSpace();
    }

    /** Number of recycled vectors k currently held (0 when empty). */
    public int dimension() {
        return dim;
    }

    /** Length n of the vectors held, or 0 when empty. */
    public int vectorLength() {
        return Math.max(n, 0);
    }

    /** Bytes held by U and C: 2·n·k·8. */
    public long bytes() {
        return bytesNeeded(vectorLength(), dim);
    }

    /** Bytes held by the kept solver workspace (Arnoldi basis, buffers), 0 if none. */
    public long workspaceBytes() {
        return workspace == null ? 0L : workspace.bytes();
    }

    /** Drops the recycled vectors and the workspace; the next solve starts from scratch. */
    public void clear() {
        n = -1;
        dim = 0;
        u = new Vector[0];
        c = new Vector[0];
        operator = null;
        preconditioner = null;
        side = null;
        stale = false;
        workspace = null;
    }

    /** Says the operator's values changed in place, so C = A·U must be rebuilt at the next solve. */
    public void markOperatorChanged() {
        stale = true;
    }

    /** Bytes U and C of k vectors of length n need: 2·n·k·8. */
    public static long bytesNeeded(long n, int k) {
        return 2L * n * k * Double.BYTES;
    }

    /**
     * Refuses a space of k vectors of length n that cannot fit in the heap.
     *
     * @throws RecycleSpaceTooLargeException naming the bytes needed and Runtime.maxMemory()
     */
    public static void checkFits(long n, int k) {
        long need = bytesNeeded(n, k);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new RecycleSpaceTooLargeException("recycle space of k=" + k + " vectors of length n=" + n
                    + " needs " + need + " bytes (U and C, 2*n*k*8) but the JVM heap holds at most "
                    + max + " bytes (Runtime.maxMemory()); lower k or raise -Xmx");
        }
    }

    // ---- package-private state access for the solvers -------------------------------------

    /** Makes room for up to {@code capacity} vectors like {@code template}; checks memory first. */
    void reserve(int length, int capacity, Vector template) {
        if (n >= 0 && n != length) {
            throw new IllegalArgumentException("recycle space holds vectors of length " + n
                    + " but the system has n=" + length + "; call clear() first");
        }
        if (u.length >= capacity && n == length) {
            return;
        }
        checkFits(length, capacity);
        Vector[] nu = new Vector[capacity];
        Vector[] nc = new Vector[capacity];
        for (int i = 0; i < capacity; i++) {
            nu[i] = i < dim ? u[i] : template.zerosLike();
            nc[i] = i < dim ? c[i] : template.zerosLike();
        }
        u = nu;
        c = nc;
        n = length;
    }

    Vector[] u() {
        return u;
    }

    Vector[] c() {
        return c;
    }

    void swap(Vector[] newU, Vector[] newC, int newDim) {
        u = newU;
        c = newC;
        dim = newDim;
    }

    void setDimension(int k) {
        dim = k;
    }

    boolean builtFor(LinearOperator a, Preconditioner m, PreconditionerSide s) {
        return !stale && operator == a && preconditioner == m && side == s;
    }

    void markBuiltFor(LinearOperator a, Preconditioner m, PreconditionerSide s) {
        operator = a;
        preconditioner = m;
        side = s;
        stale = false;
    }

    GcroDrWorkspace workspace() {
        return workspace;
    }

    void setWorkspace(GcroDrWorkspace w) {
        workspace = w;
    }

    @Override
    public String toString() {
        return "RecycleSpace[k=" + dim + ", n=" + vectorLength() + ", bytes=" + bytes() + "]";
    }
}
