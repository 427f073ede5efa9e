package io.krylovforge.gpu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Native handles in the order they were made, released in reverse: what a constructor that makes
 * several (context, queue, program, kernels, buffers) calls on failure, and {@code close()} calls
 * on success, so no failure path leaks. Tests make one that fails after the k-th handle
 * ({@link #failingAfter}) to walk every path.
 */
public final class ReleaseStack {
    private final Deque<Runnable> releases = new ArrayDeque<>();
    private final IntPredicate failAfter;
    private int pushed;

    /** A stack that never injects failures. */
    public ReleaseStack() {
        this(k -> false);
    }

    private ReleaseStack(IntPredicate failAfter) {
        this.failAfter = failAfter;
    }

    /** A stack that throws {@link InjectedFailure} right after its {@code k}-th push (tests). */
    public static ReleaseStack failingAfter(int k) {
        return new ReleaseStack(count -> count == k);
    }

    /** Records {@code handle} and how to release it; returns the handle. */
    public <T> T push(T handle, Consumer<T> release) {
        releases.push(() -> release.accept(handle));
        pushed++;
        if (failAfter.test(pushed)) {
            throw new InjectedFailure("injected failure after native handle " + pushed);
        }
        return handle;
    }

    /** Handles recorded and not yet released. */
    public int size() {
        return releases.size();
    }

    /** Handles pushed since creation (released ones included). */
    public int pushed() {
        return pushed;
    }

    /** Releases every handle, newest first; a failing release does not stop the others. */
    public void releaseAll() {
        RuntimeException first = null;
        while (!releases.isEmpty()) {
            try {
                releases.pop().run();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The failure a test stack throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
