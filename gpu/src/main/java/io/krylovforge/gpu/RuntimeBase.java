package io.krylovforge.gpu;

import io.krylovforge.core.backend.BackendUnavailableException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the CUDA and OpenCL runtimes share, written once: the lock and closed state, the handle
 * stack released at close, the partial sums of reductions, buffer bookkeeping (released once,
 * explicitly or by a {@link Cleaner} when the owner is unreachable) and the mapping of missing
 * natives and driver errors to {@link BackendUnavailableException}. Subclasses do the driver calls.
 *
 * @param <H> the driver's memory handle (cl_mem, CUdeviceptr)
 * @param <A> the driver's kernel-argument pointer to it
 * @param <K> the runtime's kernel type
 */
public abstract class RuntimeBase<H, A, K extends DeviceKernel> implements DeviceRuntime {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Native handles of the runtime itself, released in reverse order at close or on a failed open. */
    protected final ReleaseStack handles;
    private final String name;
    private final String api;
    private final String spec;
    private final String description;
    private final Class<K> kernelType;
    private final Object lock = new Object();
    private final double[] partialHost = new double[MAX_GROUPS];
    private volatile boolean closed;

    /**
     * @param name        "opencl" or "cuda"
     * @param api         "OpenCL" or "CUDA", for messages
     * @param spec        the spec that reopens the device
     * @param description the device in words
     * @param kernelType  the kernels this runtime accepts
     * @param handles     where the subclass records its native handles
     */
    protected RuntimeBase(String name, String api, String spec, String description, Class<K> kernelType,
            ReleaseStack handles) {
        this.name = name;
        this.api = api;
        this.spec = spec;
        this.description = description;
        this.kernelType = kernelType;
        this.handles = handles;
    }

    /**
     * Device memory of one runtime: the driver's handle, the kernel-argument pointer to it and the
     * size; released at most once.
     *
     * @param <H> the driver's memory handle
     * @param <A> the kernel-argument pointer
     */
    public static final class Buffer<H, A> implements DeviceBuffer {
        private final RuntimeBase<H, A, ?> owner;
        private final H handle;
        private final A arg;
        private final long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Buffer(RuntimeBase<H, A, ?> owner, H handle, A arg, long bytes) {
            this.owner = owner;
            this.handle = handle;
            this.arg = arg;
            this.bytes = bytes;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        /** The driver's handle. */
        public H handle() {
            return handle;
        }

        /** The kernel-argument pointer to the handle. */
        public A arg() {
            return arg;
        }

        /** True for the first caller only: that one frees the memory. */
        public boolean claimRelease() {
            return released.compareAndSet(false, true);
        }

        @Override
        public String toString() {
            return "Buffer[" + bytes + " bytes, " + owner.spec() + "]";
        }
    }

    /** A buffer of this runtime around a new driver handle. */
    protected final Buffer<H, A> newBuffer(H handle, A arg, long bytes) {
        return new Buffer<>(this, handle, arg, bytes);
    }

    /**
     * Runs discovery or opening calls: missing natives ({@link LinkageError}) and driver errors
     * of type {@code driverError} become one-line {@link BackendUnavailableException}s.
     *
     * @param name     "cuda" or "opencl", the message prefix
     * @param loadHint what failed to load and what to do, e.g. "cannot load the CUDA driver"
     */
    protected static <T> T guard(String name, Class<? extends RuntimeException> driverError, String loadHint,
            Supplier<T> call) {
        try {
            return call.get();
        } catch (BackendUnavailableException | DeviceOutOfMemoryException e) {
            throw e;
        } catch (LinkageError t) { // UnsatisfiedLinkError: no driver library or natives
            throw new BackendUnavailableException(name + ": " + loadHint.replace("%s", NativeLoadErrors.summary(t)), t);
        } catch (RuntimeException e) {
            if (driverError.isInstance(e)) {
                throw new BackendUnavailableException(name + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String spec() {
        return spec;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Object lock() {
        return lock;
    }

    @Override
    public final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name() + " backend " + spec() + " is closed");
        }
    }

    /** Whether {@link #close()} has run. */
    protected final boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------ the DeviceRuntime calls: lock, enter, driver call

    /** Checks the runtime is open and makes it usable on this thread (call under the lock). */
    protected abstract void enter();

    @Override
    public final DeviceBuffer allocate(long bytes) {
        synchronized (lock) {
            enter();
            return allocateNow(Math.max(bytes, Double.BYTES));
        }
    }

    @Override
    public final DeviceBuffer upload(double[] values, int length) {
        synchronized (lock) {
            enter();
            return uploadNow(values, length);
        }
    }

    @Override
    public final DeviceBuffer upload(int[] values, int length) {
        synchronized (lock) {
            enter();
            return uploadNow(values, length);
        }
    }

    @Override
    public final void write(DeviceBuffer dst, double[] src, int length) {
        if (length > 0) {
            synchronized (lock) {
                enter();
                writeNow(buffer(dst), src, length);
            }
        }
    }

    @Override
    public final void read(DeviceBuffer src, double[] dst, int length) {
        if (length > 0) {
            synchronized (lock) {
                enter();
                readNow(buffer(src), dst, length);
            }
        }
    }

    @Override
    public final void copy(DeviceBuffer src, DeviceBuffer dst, long doubles) {
        if (doubles > 0) {
            synchronized (lock) {
                enter();
                copyNow(buffer(src), buffer(dst), doubles);
            }
        }
    }

    @Override
    public final DeviceKernel kernel(Class<?> owner, String source, String kernel) {
        synchronized (lock) {
            enter();
            return kernelNow(owner, source, kernel);
        }
    }

    @Override
    public final void launch(DeviceKernel k, long items) {
        launch(k, items, 1);
    }

    @Override
    public final void launch(DeviceKernel k, long items, int rows) {
        K kk = kernel(k);
        synchronized (lock) {
            enter();
            launchNow(kk, items, rows);
        }
    }

    @Override
    public final double reduce(DeviceKernel k, int partialArg, int n) {
        K kk = kernel(k);
        synchronized (lock) {
            enter();
            int groups = reductionGroups(n);
            reduceNow(kk, partialArg, groups);
            return sumPartials(groups);
        }
    }

    @Override
    public final void synchronize() {
        synchronized (lock) {
            enter();
            synchronizeNow();
        }
    }

    /** A new buffer of {@code bytes} (at least 8). */
    protected abstract Buffer<H, A> allocateNow(long bytes);

    /** A new buffer holding {@code values[0..length)}. */
    protected abstract Buffer<H, A> uploadNow(double[] values, int length);

    /** A new buffer holding {@code values[0..length)}. */
    protected abstract Buffer<H, A> uploadNow(int[] values, int length);

    /** Blocking host-to-device copy of {@code length > 0} doubles. */
    protected abstract void writeNow(Buffer<H, A> dst, double[] src, int length);

    /** Blocking device-to-host copy of {@code length > 0} doubles. */
    protected abstract void readNow(Buffer<H, A> src, double[] dst, int length);

    /** Device-to-device copy of {@code doubles > 0} doubles. */
    protected abstract void copyNow(Buffer<H, A> src, Buffer<H, A> dst, long doubles);

    /** A kernel with its own argument slots. */
    protected abstract DeviceKernel kernelNow(Class<?> owner, String source, String kernel);

    /** Starts {@code k} over items × rows threads. */
    protected abstract void launchNow(K k, long items, int rows);

    /**
     * Starts {@code k} on {@code groups} groups of {@link #groupSize()} with the partial-sum buffer
     * as argument {@code partialArg}, and copies the {@code groups} partials to {@link #partialHost()}.
     */
    protected abstract void reduceNow(K k, int partialArg, int groups);

    /** Waits for every launch. */
    protected abstract void synchronizeNow();

    /** Groups of a reduction over n items: min({@value #MAX_GROUPS}, ⌈n / groupSize⌉). */
    protected final int reductionGroups(int n) {
        return (int) Math.min(MAX_GROUPS, (n + (long) groupSize() - 1) / groupSize());
    }

    /** Host array the subclass copies the group partials into. */
    protected final double[] partialHost() {
        return partialHost;
    }

    /** The sum of the first {@code groups} partials, in order (deterministic). */
    protected final double sumPartials(int groups) {
        double total = 0.0;
        for (int g = 0; g < groups; g++) {
            total += partialHost[g];
        }
        return total;
    }

    /** This runtime's buffer behind {@code b}. */
    @SuppressWarnings("unchecked") // the owner check makes H and A this runtime's
    protected final Buffer<H, A> buffer(DeviceBuffer b) {
        if (b instanceof Buffer<?, ?> x && x.owner == this) {
            return (Buffer<H, A>) x;
        }
        throw new IllegalArgumentException("internal: " + b + " is not a buffer of " + api + " " + spec());
    }

    /** This runtime's kernel behind {@code k}. */
    protected final K kernel(DeviceKernel k) {
        if (kernelType.isInstance(k)) {
            return kernelType.cast(k);
        }
        throw new IllegalArgumentException("internal: " + k + " is not a " + api + " kernel");
    }

    /** Frees {@code b} now (under the lock; {@link Buffer#claimRelease()} guards double frees). */
    protected abstract void releaseNow(Buffer<H, A> b);

    /** Frees {@code b} soon; called from the cleaner's thread. */
    protected abstract void releaseLater(Buffer<H, A> b);

    /** Waits for the device before the handles are released at close. */
    protected abstract void finishBeforeClose();

    @Override
    public final void release(DeviceBuffer... buffers) {
        synchronized (lock) {
            for (DeviceBuffer b : buffers) {
                if (b != null) {
                    releaseNow(buffer(b));
                }
            }
        }
    }

    @Override
    public final void releaseWhenUnreachable(Object owner, DeviceBuffer... buffers) {
        List<Buffer<H, A>> own = new ArrayList<>(buffers.length);
        for (DeviceBuffer b : buffers) {
            if (b != null) {
                own.add(buffer(b));
            }
        }
        CLEANER.register(owner, () -> own.forEach(this::releaseLater)); // holds the buffers, never the owner
    }

    @Override
    public final void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                finishBeforeClose();
            } finally {
                closed = true;
                handles.releaseAll();
                afterClose();
            }
        }
    }

    /** Runs after the handles are released (nothing by default). */
    protected void afterClose() {
    }

    @Override
    public String toString() {
        return description();
    }
}
