package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.SpmvKernel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * CUDA backend through the JCuda driver API: {@code cuInit}, a context on one device, the
 * committed PTX ({@code kernels.ptx}, made from {@code kernels.cu} by
 * {@code gpu/scripts/build-ptx.sh}) loaded with {@code cuModuleLoadData}, kernels started with
 * {@code cuLaunchKernel}. No NVRTC, cuBLAS or cuSPARSE: their JCuda natives want CUDA 12
 * library names.
 *
 * <p>Reductions are two-stage and deterministic, as in the OpenCL backend: at most
 * {@value #MAX_GROUPS} blocks of {@value #BLOCK} threads, fixed shared-memory trees, partials
 * added on the host in order.
 *
 * <p>The context is made current on whichever thread calls in. Device memory of unreachable
 * vectors and matrices is queued by a {@link Cleaner} and freed on the next allocation or at
 * {@link #close()}, on a thread holding the context. A missing driver or natives
 * ({@link UnsatisfiedLinkError}) becomes {@link BackendUnavailableException} with the reason.
 */
public final class CudaBackend implements DeviceBackend {
    /** Threads per block of every launch; must match KF_BLOCK in kernels.cu. */
    public static final int BLOCK = 256;
    /** Upper bound on the blocks of a reduction. */
    public static final int MAX_GROUPS = 1024;
    static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<CudaBackend> CURRENT = new ThreadLocal<>();

    private final int ordinal;
    private final String description;
    private final CUcontext context;
    private CUmodule module;
    CUfunction kAxpy;
    CUfunction kAxpby;
    CUfunction kScale;
    CUfunction kFill;
    CUfunction kPointwise;
    CUfunction kDot;
    CUfunction kCgUpdate;
    CUfunction kSpmvScalar;
    CUfunction kSpmvVector;
    CUfunction kLaplacian;

    private CUdeviceptr partialMem;
    private Pointer partialArg;
    private final double[] partialHost = new double[MAX_GROUPS];
    private final Pointer partialHostPtr = Pointer.to(partialHost);
    /** Freed device pointers waiting for a thread that holds the context. */
    private final ConcurrentLinkedQueue<CUdeviceptr> pendingFree = new ConcurrentLinkedQueue<>();
    // Scalar argument holders, reused (cuLaunchKernel reads them during the call).
    private final int[] int0 = new int[1];
    private final int[] int1 = new int[1];
    private final double[] dbl0 = new double[1];
    private final double[] dbl1 = new double[1];
    final Pointer int0Ptr = Pointer.to(int0);
    final Pointer int1Ptr = Pointer.to(int1);
    final Pointer dbl0Ptr = Pointer.to(dbl0);
    final Pointer dbl1Ptr = Pointer.to(dbl1);
    private final Object lock = new Object();
    private volatile boolean closed;

    private CudaBackend(int ordinal, CUdevice device, String description) {
        this.ordinal = ordinal;
        this.description = description;
        this.context = new CUcontext();
        check(JCudaDriver.cuCtxCreate(context, 0, device), "cuCtxCreate");
        CURRENT.set(this);
        try {
            this.module = new CUmodule();
            check(JCudaDriver.cuModuleLoadData(module, loadPtx("kernels.ptx")), "cuModuleLoadData(kernels.ptx)");
            kAxpy = function("kf_axpy");
            kAxpby = function("kf_axpby");
            kScale = function("kf_scale");
            kFill = function("kf_fill");
            kPointwise = function("kf_pointwise");
            kDot = function("kf_dot");
            kCgUpdate = function("kf_cg_update");
            kSpmvScalar = function("kf_spmv_scalar");
            kSpmvVector = function("kf_spmv_vector");
            kLaplacian = function("kf_laplacian2d");
            partialMem = allocate((long) MAX_GROUPS * Sizeof.DOUBLE);
            partialArg = Pointer.to(partialMem);
        } catch (RuntimeException e) {
            JCudaDriver.cuCtxDestroy(context); // do not leak the context of a failed open
            CURRENT.remove();
            throw e;
        }
    }

    private CUfunction function(String name) {
        return function(module, name);
    }

    /** Kernel {@code name} of a loaded module (shared by the CUDA classes of this package). */
    static CUfunction function(CUmodule module, String name) {
        CUfunction f = new CUfunction();
        check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
        return f;
    }

    /** The committed PTX resource {@code name} of this package, NUL-terminated for {@code cuModuleLoadData}. */
    static byte[] loadPtx(String name) {
        try (InputStream in = CudaBackend.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("internal: " + name + " missing from the gpu jar");
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1); // NUL-terminated for the driver
        } catch (IOException e) {
            throw new IllegalStateException("internal: cannot read " + name, e);
        }
    }

    // ---------------------------------------------------------------- discovery and opening

    /** Throws {@link CudaCallException} unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String what) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaCallException(what + " failed: " + CUresult.stringFor(result), result);
        }
    }

    /** A failed driver call (internal; mapped to BackendUnavailable at the edge). */
    static final class CudaCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int result;

        CudaCallException(String message, int result) {
            super(message);
            this.result = result;
        }
    }

    /** Runs driver calls, turning missing natives/driver or failed calls into BackendUnavailable. */
    static <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (BackendUnavailableException | DeviceOutOfMemoryException e) {
            throw e;
        } catch (CudaCallException e) {
            throw new BackendUnavailableException("cuda: " + e.getMessage(), e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) { // UnsatisfiedLinkError: no libcuda.so.1 or JCuda natives
            throw new BackendUnavailableException("cuda: cannot load the CUDA driver or JCuda natives ("
                    + io.krylovforge.gpu.NativeLoadErrors.summary(t) + ")", t);
        }
    }

    private static int deviceCount() {
        int init = JCudaDriver.cuInit(0);
        if (init != CUresult.CUDA_SUCCESS) {
            throw new BackendUnavailableException("cuda: cuInit failed: " + CUresult.stringFor(init)
                    + " (no NVIDIA driver or no device)");
        }
        int[] count = new int[1];
        check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new BackendUnavailableException("cuda: no CUDA device");
        }
        return count[0];
    }

    private static DeviceInfo info(int ordinal, CUdevice dev) {
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        long[] mem = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(mem, dev), "cuDeviceTotalMem");
        int[] major = new int[1];
        int[] minor = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(major,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev), "cuDeviceGetAttribute");
        check(JCudaDriver.cuDeviceGetAttribute(minor,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev), "cuDeviceGetAttribute");
        String label = new String(name, 0, len, StandardCharsets.UTF_8).trim() + " (sm_" + major[0] + minor[0] + ")";
        // the PTX targets compute_75; older devices cannot load it
        boolean ok = major[0] * 10 + minor[0] >= 75;
        return new DeviceInfo("cuda:" + ordinal, "cuda", label, "GPU", mem[0], true,
                ok ? "" : "compute capability below 7.5, the PTX target");
    }

    /** Every CUDA device, spec "cuda:N". @throws BackendUnavailableException without driver */
    public static List<DeviceInfo> listDevices() {
        return guard(() -> {
            int count = deviceCount();
            List<DeviceInfo> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                CUdevice dev = new CUdevice();
                check(JCudaDriver.cuDeviceGet(dev, i), "cuDeviceGet");
                out.add(info(i, dev));
            }
            return out;
        });
    }

    /**
     * Opens CUDA device {@code ordinal}.
     *
     * @throws BackendUnavailableException when there is no driver, natives or such device
     */
    public static CudaBackend open(int ordinal) {
        return guard(() -> {
            int count = deviceCount();
            if (ordinal < 0 || ordinal >= count) {
                throw new BackendUnavailableException("cuda: no device " + ordinal + " (found " + count + ")");
            }
            CUdevice dev = new CUdevice();
            check(JCudaDriver.cuDeviceGet(dev, ordinal), "cuDeviceGet");
            DeviceInfo info = info(ordinal, dev);
            if (!info.usable()) {
                throw new BackendUnavailableException("cuda:" + ordinal + " " + info.name() + ": " + info.note());
            }
            String desc = String.format(Locale.ROOT, "cuda:%d %s (GPU, %.1f GiB)", ordinal, info.name(),
                    info.memoryBytes() / (double) (1L << 30));
            return new CudaBackend(ordinal, dev, desc);
        });
    }

    // ---------------------------------------------------------------- Backend

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return description;
    }

    /** The spec that reopens this device, "cuda:N". */
    public String spec() {
        return "cuda:" + ordinal;
    }

    @Override
    public CudaVector zeros(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("vector size must be >= 0, got " + n);
        }
        CudaVector v = new CudaVector(this, n);
        v.fill(0.0);
        return v;
    }

    @Override
    public CudaVector of(double[] values) {
        CudaVector v = new CudaVector(this, values.length);
        v.setFrom(values);
        return v;
    }

    @Override
    public double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        CudaVector xv = vector(x, "x");
        int n = xv.n;
        CudaVector pv = vector(p, "p", n);
        CudaVector qv = vector(q, "q", n);
        CudaVector rv = vector(r, "r", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (lock) {
            bind();
            int0[0] = n;
            dbl0[0] = alpha;
            // x += alpha p, r -= alpha q, r'r
            return reduce(kCgUpdate, n, int0Ptr, dbl0Ptr, pv.arg, qv.arg, xv.arg, rv.arg);
        }
    }

    @Override
    public void pointwiseMultiply(Vector d, Vector x, Vector z) {
        CudaVector zv = vector(z, "z");
        int n = zv.n;
        CudaVector dv = vector(d, "d", n);
        CudaVector xv = vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (lock) {
            bind();
            int0[0] = n;
            launch(kPointwise, n, int0Ptr, dv.arg, xv.arg, zv.arg); // z = diag(d) x
        }
    }

    @Override
    public CudaCsrMatrix upload(CsrMatrix a) {
        return new CudaCsrMatrix(this, a, SpmvKernel.AUTO);
    }

    @Override
    public CudaCsrMatrix upload(CsrMatrix a, SpmvKernel kernel) {
        return new CudaCsrMatrix(this, a, kernel);
    }

    @Override
    public CudaNeuralPoissonNet neuralPoisson(io.krylovforge.learned.poisson.NeuralPoissonNet net) {
        return new CudaNeuralPoissonNet(this, net);
    }

    @Override
    public CudaConvNet convNet(io.krylovforge.learned.ConvNet net, io.krylovforge.learned.Grid grid) {
        return new CudaConvNet(this, net, grid);
    }

    @Override
    public LinearOperator laplacian2d(int nx, int ny) {
        return new CudaLaplacian2d(this, nx, ny);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            bind();
            JCudaDriver.cuCtxSynchronize();
            closed = true;
            pendingFree.clear();
            JCudaDriver.cuCtxDestroy(context); // frees every allocation of the context
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    // ---------------------------------------------------------------- package-private plumbing

    CudaVector vector(Vector v, String what) {
        if (v instanceof CudaVector c && c.backend == this) {
            return c;
        }
        throw new IllegalArgumentException(what + " lives on " + v.backend().name()
                + (v instanceof CudaVector ? " (another CUDA context)" : "")
                + ", expected a vector of " + spec() + " (upload it with backend.of(...))");
    }

    CudaVector vector(Vector v, String what, int n) {
        CudaVector c = vector(v, what);
        if (c.n != n) {
            throw new DimensionMismatchException(what + " has " + c.n + " entries, expected " + n);
        }
        return c;
    }

    Object lock() {
        return lock;
    }

    /** Makes the context current on this thread (call under the lock). */
    void bind() {
        if (closed) {
            throw new IllegalStateException("cuda backend " + spec() + " is closed");
        }
        if (CURRENT.get() != this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CURRENT.set(this);
        }
    }

    /** Device memory of {@code bytes} (at least 8); reports the size and free memory on failure. */
    CUdeviceptr allocate(long bytes) {
        synchronized (lock) {
            bind();
            for (CUdeviceptr p; (p = pendingFree.poll()) != null; ) {
                JCudaDriver.cuMemFree(p);
            }
            long size = Math.max(bytes, Sizeof.DOUBLE);
            CUdeviceptr p = new CUdeviceptr();
            int result = JCudaDriver.cuMemAlloc(p, size);
            if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
                long[] free = new long[1];
                long[] total = new long[1];
                JCudaDriver.cuMemGetInfo(free, total);
                throw new DeviceOutOfMemoryException(spec(), size, free[0] + " of " + total[0]
                        + " bytes free", null);
            }
            check(result, "cuMemAlloc(" + size + " bytes)");
            return p;
        }
    }

    /** Queues {@code ptrs} to be freed once {@code owner} is unreachable. */
    void freeWhenUnreachable(Object owner, CUdeviceptr... ptrs) {
        CLEANER.register(owner, releaser(pendingFree, ptrs));
    }

    private static Runnable releaser(ConcurrentLinkedQueue<CUdeviceptr> queue, CUdeviceptr[] ptrs) {
        return () -> {
            for (CUdeviceptr p : ptrs) {
                if (p != null) {
                    queue.add(p);
                }
            }
        };
    }

    /** Launches {@code f} on ceil(items / BLOCK) blocks with the given kernel parameters. */
    void launch(CUfunction f, long items, Pointer... args) {
        int blocks = (int) ((items + BLOCK - 1) / BLOCK);
        check(JCudaDriver.cuLaunchKernel(f, blocks, 1, 1, BLOCK, 1, 1, 0, null, Pointer.to(args), null),
                "cuLaunchKernel");
    }

    /** Runs a reduction kernel (last parameter: the partial sums) and adds the partials in order. */
    double reduce(CUfunction f, int n, Pointer... args) {
        int groups = (int) Math.min(MAX_GROUPS, (n + (long) BLOCK - 1) / BLOCK);
        Pointer[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = partialArg;
        check(JCudaDriver.cuLaunchKernel(f, groups, 1, 1, BLOCK, 1, 1, 0, null, Pointer.to(all), null),
                "cuLaunchKernel");
        check(JCudaDriver.cuMemcpyDtoH(partialHostPtr, partialMem, (long) groups * Sizeof.DOUBLE), "cuMemcpyDtoH");
        double total = 0.0;
        for (int g = 0; g < groups; g++) {
            total += partialHost[g]; // fixed order: deterministic
        }
        return total;
    }

    void setInts(int a, int b) {
        int0[0] = a;
        int1[0] = b;
    }

    void setDoubles(double a, double b) {
        dbl0[0] = a;
        dbl1[0] = b;
    }
}
