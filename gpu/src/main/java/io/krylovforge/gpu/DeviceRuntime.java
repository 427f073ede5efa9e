package io.krylovforge.gpu;

/**
 * The few things a device must do, once per driver API: allocate, copy, launch a kernel over a
 * 1D or 2D grid, reduce, synchronise and release. {@link KernelBackend}, {@link DeviceVector},
 * {@link DeviceCsrMatrix}, {@link DeviceLaplacian2d} and the network evaluators of module
 * {@code learned-gpu} are written once against it; {@code gpu.cuda.CudaRuntime} (JCuda driver API)
 * and {@code gpu.opencl.OpenClRuntime} (JOCL) implement it.
 *
 * <p>Kernels come from one source per module ({@code name.c} next to the owning class, in the
 * dialect of {@code kernels/kf_opencl.h} and {@code kernels/kf_cuda.h}): OpenCL compiles the
 * text at run time, CUDA loads the committed {@code name.ptx} built from the same text.
 *
 * <p>Launch geometry: {@link #groupSize()} threads per group in x over {@code items}, and
 * {@code rows} groups in y ({@code KF_ROW} in the kernel). Every method holds {@link #lock()};
 * callers that set kernel arguments and launch hold it around both. A failed allocation throws
 * {@link DeviceOutOfMemoryException}; using a closed runtime throws {@link IllegalStateException}.
 */
public interface DeviceRuntime extends AutoCloseable {
    /** Upper bound on the groups of a reduction (enough to fill any current GPU). */
    int MAX_GROUPS = 1024;

    /** "cuda" or "opencl". */
    String name();

    /** The spec that reopens this device, e.g. "opencl:0:1" or "cuda:0". */
    String spec();

    /** Human-readable device description. */
    String description();

    /** Threads per group of every launch (a power of two; {@code WG} in the kernels). */
    int groupSize();

    /** The monitor every launch sequence holds. */
    Object lock();

    /** @throws IllegalStateException when closed */
    void checkOpen();

    /** Device memory of {@code bytes} (at least 8). */
    DeviceBuffer allocate(long bytes);

    /** A new buffer holding {@code values[0..length)}. */
    DeviceBuffer upload(double[] values, int length);

    /** A new buffer holding {@code values[0..length)}. */
    DeviceBuffer upload(int[] values, int length);

    /** Copies {@code src[0..length)} to the start of {@code dst} (blocking). */
    void write(DeviceBuffer dst, double[] src, int length);

    /** Copies {@code length} doubles from the start of {@code src} to {@code dst} (blocking). */
    void read(DeviceBuffer src, double[] dst, int length);

    /** Copies {@code doubles} doubles from {@code src} to {@code dst} on the device. */
    void copy(DeviceBuffer src, DeviceBuffer dst, long doubles);

    /**
     * Kernel {@code kernel} of the source {@code source} ("vector", "convnet"...) that lives next
     * to {@code owner} (as {@code source.c}, and {@code source.ptx} for CUDA). Programs are built
     * once per runtime and source.
     */
    DeviceKernel kernel(Class<?> owner, String source, String kernel);

    /** Launches {@code k} over at least {@code items} threads (items &gt; 0). */
    void launch(DeviceKernel k, long items);

    /** Launches {@code k} over at least {@code items} threads in x times {@code rows} in y. */
    void launch(DeviceKernel k, long items, int rows);

    /**
     * Runs a reduction kernel: sets argument {@code partialArg} to the partial-sum buffer, launches
     * min({@value #MAX_GROUPS}, ⌈n / groupSize⌉) groups and adds the group partials on the host
     * in order (deterministic).
     */
    double reduce(DeviceKernel k, int partialArg, int n);

    /** Waits until everything launched has finished. */
    void synchronize();

    /** Frees buffers now (nulls skipped; errors ignored once the device is closed). */
    void release(DeviceBuffer... buffers);

    /** Frees kernels now (nulls skipped). */
    void release(DeviceKernel... kernels);

    /** Frees {@code buffers} once {@code owner} is unreachable (or at {@link #close()}). */
    void releaseWhenUnreachable(Object owner, DeviceBuffer... buffers);

    /** Releases everything; idempotent. */
    @Override
    void close();
}
