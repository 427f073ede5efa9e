package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceBuffer;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceKernel;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.DeviceRuntime;
import io.krylovforge.gpu.KernelSource;
import io.krylovforge.gpu.ReleaseStack;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@link DeviceRuntime} on CUDA through the JCuda driver API: {@code cuInit}, a context on one
 * device, each kernel module's committed PTX (built from its one source by
 * {@code gpu/scripts/build-ptx.sh}) loaded with {@code cuModuleLoadData}, kernels started with
 * {@code cuLaunchKernel} in blocks of {@value #BLOCK} threads ({@code WG} in {@code kf_cuda.h}).
 * No NVRTC, cuBLAS or cuSPARSE: their JCuda natives want CUDA 12 library names.
 *
 * <p>The context is made current on whichever thread calls in. Buffers of unreachable owners are
 * queued by a {@link Cleaner} and freed on the next allocation or at {@link #close()}, on a thread
 * holding the context. The context, modules and partial-sum buffer are on a {@link ReleaseStack}:
 * a failure half way through opening releases what was made. A missing driver or natives
 * ({@link UnsatisfiedLinkError}) becomes {@link BackendUnavailableException} with the reason.
 */
public final class CudaRuntime implements DeviceRuntime {
    /** Threads per block of every launch; WG in kf_cuda.h. */
    public static final int BLOCK = 256;
    private static final Cleaner CLEANER = Cleaner.create();
    /** Whose context each thread has current (the driver API keeps one current context per thread). */
    private static final ThreadLocal<CudaRuntime> CURRENT = new ThreadLocal<>();

    private final int ordinal;
    private final String description;
    private final ReleaseStack handles;
    private final CUcontext context;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final CudaBuffer partial;
    private final double[] partialHost = new double[MAX_GROUPS];
    private final Pointer partialHostPtr = Pointer.to(partialHost);
    /** Freed device pointers waiting for a thread that holds the context. */
    private final ConcurrentLinkedQueue<CudaBuffer> pendingFree = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private volatile boolean closed;

    private CudaRuntime(int ordinal, CUdevice device, String description, ReleaseStack handles) {
        this.ordinal = ordinal;
        this.description = description;
        this.handles = handles;
        try {
            CUcontext ctx = new CUcontext();
            check(JCudaDriver.cuCtxCreate(ctx, 0, device), "cuCtxCreate");
            context = handles.push(ctx, c -> JCudaDriver.cuCtxDestroy(c)); // frees every allocation too
            CURRENT.set(this);
            module("kernels/vector", DeviceRuntime.class);
            partial = allocateBuffer((long) MAX_GROUPS * Sizeof.DOUBLE);
        } catch (RuntimeException e) {
            handles.releaseAll(); // do not leak the context of a failed open
            CURRENT.remove();
            throw e;
        }
    }

    private CUmodule module(String source, Class<?> owner) {
        String key = owner.getPackageName() + "/" + source;
        CUmodule m = modules.get(key);
        if (m == null) {
            CUmodule loaded = new CUmodule();
            check(JCudaDriver.cuModuleLoadData(loaded, KernelSource.ptx(owner, source)),
                    "cuModuleLoadData(" + source + ".ptx)");
            m = handles.push(loaded, JCudaDriver::cuModuleUnload);
            modules.put(key, m);
        }
        return m;
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
        } catch (LinkageError t) { // UnsatisfiedLinkError: no libcuda.so.1 or JCuda natives
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
    public static CudaRuntime open(int ordinal) {
        return open(ordinal, new ReleaseStack());
    }

    /** {@link #open(int)} recording its handles on {@code handles} (tests inject failures there). */
    static CudaRuntime open(int ordinal, ReleaseStack handles) {
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
            return new CudaRuntime(ordinal, dev, desc, handles);
        });
    }

    // ---------------------------------------------------------------- DeviceRuntime

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String spec() {
        return "cuda:" + ordinal;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int groupSize() {
        return BLOCK;
    }

    @Override
    public Object lock() {
        return lock;
    }

    @Override
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cuda backend " + spec() + " is closed");
        }
    }

    /** Makes the context current on this thread (call under the lock). */
    private void bind() {
        checkOpen();
        if (CURRENT.get() != this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CURRENT.set(this);
        }
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        return allocateBuffer(bytes);
    }

    private CudaBuffer allocateBuffer(long bytes) {
        synchronized (lock) {
            bind();
            for (CudaBuffer b; (b = pendingFree.poll()) != null; ) {
                b.free();
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
            return new CudaBuffer(p, size);
        }
    }

    @Override
    public DeviceBuffer upload(double[] values, int length) {
        CudaBuffer b = allocateBuffer((long) length * Sizeof.DOUBLE);
        write(b, values, length);
        return b;
    }

    @Override
    public DeviceBuffer upload(int[] values, int length) {
        CudaBuffer b = allocateBuffer((long) length * Sizeof.INT);
        if (length > 0) {
            synchronized (lock) {
                bind();
                check(JCudaDriver.cuMemcpyHtoD(b.ptr, Pointer.to(values), (long) length * Sizeof.INT), "cuMemcpyHtoD");
            }
        }
        return b;
    }

    @Override
    public void write(DeviceBuffer dst, double[] src, int length) {
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            bind();
            check(JCudaDriver.cuMemcpyHtoD(buffer(dst).ptr, Pointer.to(src), (long) length * Sizeof.DOUBLE),
                    "cuMemcpyHtoD");
        }
    }

    @Override
    public void read(DeviceBuffer src, double[] dst, int length) {
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            bind();
            check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst), buffer(src).ptr, (long) length * Sizeof.DOUBLE),
                    "cuMemcpyDtoH");
        }
    }

    @Override
    public void copy(DeviceBuffer src, DeviceBuffer dst, long doubles) {
        if (doubles == 0) {
            return;
        }
        synchronized (lock) {
            bind();
            check(JCudaDriver.cuMemcpyDtoD(buffer(dst).ptr, buffer(src).ptr, doubles * Sizeof.DOUBLE), "cuMemcpyDtoD");
        }
    }

    @Override
    public DeviceKernel kernel(Class<?> owner, String source, String kernel) {
        synchronized (lock) {
            bind();
            CUfunction f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module(source, owner), kernel),
                    "cuModuleGetFunction(" + kernel + ")");
            return new CudaKernel(f);
        }
    }

    @Override
    public void launch(DeviceKernel k, long items) {
        launch(k, items, 1);
    }

    @Override
    public void launch(DeviceKernel k, long items, int rows) {
        CudaKernel ck = kernel(k);
        synchronized (lock) {
            bind();
            int blocks = (int) ((items + BLOCK - 1) / BLOCK);
            check(JCudaDriver.cuLaunchKernel(ck.function, blocks, rows, 1, BLOCK, 1, 1, 0, null, ck.params(), null),
                    "cuLaunchKernel");
        }
    }

    @Override
    public double reduce(DeviceKernel k, int partialArg, int n) {
        CudaKernel ck = kernel(k);
        synchronized (lock) {
            bind();
            int groups = (int) Math.min(MAX_GROUPS, (n + (long) BLOCK - 1) / BLOCK);
            ck.set(partialArg, partial);
            check(JCudaDriver.cuLaunchKernel(ck.function, groups, 1, 1, BLOCK, 1, 1, 0, null, ck.params(), null),
                    "cuLaunchKernel");
            check(JCudaDriver.cuMemcpyDtoH(partialHostPtr, partial.ptr, (long) groups * Sizeof.DOUBLE), "cuMemcpyDtoH");
            double total = 0.0;
            for (int g = 0; g < groups; g++) {
                total += partialHost[g]; // fixed order: deterministic
            }
            return total;
        }
    }

    @Override
    public void synchronize() {
        synchronized (lock) {
            bind();
            check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
        }
    }

    @Override
    public void release(DeviceBuffer... buffers) {
        synchronized (lock) {
            if (closed) {
                return; // the context took every allocation with it
            }
            bind();
            for (DeviceBuffer b : buffers) {
                if (b != null) {
                    buffer(b).free();
                }
            }
        }
    }

    @Override
    public void release(DeviceKernel... kernels) {
        // functions belong to their module, unloaded at close
    }

    @Override
    public void releaseWhenUnreachable(Object owner, DeviceBuffer... buffers) {
        CudaBuffer[] bs = new CudaBuffer[buffers.length];
        for (int i = 0; i < bs.length; i++) {
            bs[i] = buffers[i] == null ? null : buffer(buffers[i]);
        }
        ConcurrentLinkedQueue<CudaBuffer> queue = pendingFree;
        CLEANER.register(owner, () -> {
            for (CudaBuffer b : bs) {
                if (b != null) {
                    queue.add(b);
                }
            }
        });
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                bind();
                JCudaDriver.cuCtxSynchronize();
            } finally {
                closed = true;
                pendingFree.clear();
                handles.releaseAll(); // modules, then the context with every allocation
                if (CURRENT.get() == this) {
                    CURRENT.remove();
                }
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private CudaBuffer buffer(DeviceBuffer b) {
        if (b instanceof CudaBuffer c) {
            return c;
        }
        throw new IllegalArgumentException("internal: " + b + " is not a CUDA buffer");
    }

    private CudaKernel kernel(DeviceKernel k) {
        if (k instanceof CudaKernel c) {
            return c;
        }
        throw new IllegalArgumentException("internal: " + k + " is not a CUDA kernel");
    }

    /** A device pointer with its kernel-argument pointer; freed once. */
    private static final class CudaBuffer implements DeviceBuffer {
        final CUdeviceptr ptr;
        final Pointer arg;
        final long bytes;
        final AtomicBoolean freed = new AtomicBoolean();

        CudaBuffer(CUdeviceptr ptr, long bytes) {
            this.ptr = ptr;
            this.arg = Pointer.to(ptr);
            this.bytes = bytes;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        /** Call with the context current. */
        void free() {
            if (freed.compareAndSet(false, true)) {
                JCudaDriver.cuMemFree(ptr);
            }
        }
    }

    /**
     * A function with its own parameter holders: cuLaunchKernel reads the values at the call, so
     * a set argument stays until set again. Holders are made the first time a slot is set.
     */
    private static final class CudaKernel implements DeviceKernel {
        final CUfunction function;
        private Pointer[] slots = new Pointer[0];
        private int[][] ints = new int[0][];
        private double[][] doubles = new double[0][];
        private Pointer params;

        CudaKernel(CUfunction function) {
            this.function = function;
        }

        private void ensure(int index) {
            if (index >= slots.length) {
                slots = Arrays.copyOf(slots, index + 1);
                ints = Arrays.copyOf(ints, index + 1);
                doubles = Arrays.copyOf(doubles, index + 1);
                params = null;
            }
        }

        @Override
        public DeviceKernel set(int index, int value) {
            ensure(index);
            if (ints[index] == null) {
                ints[index] = new int[1];
                slots[index] = Pointer.to(ints[index]);
                params = null;
            }
            ints[index][0] = value;
            return this;
        }

        @Override
        public DeviceKernel set(int index, double value) {
            ensure(index);
            if (doubles[index] == null) {
                doubles[index] = new double[1];
                slots[index] = Pointer.to(doubles[index]);
                params = null;
            }
            doubles[index][0] = value;
            return this;
        }

        @Override
        public DeviceKernel set(int index, DeviceBuffer buffer) {
            if (!(buffer instanceof CudaBuffer b)) {
                throw new IllegalArgumentException("internal: " + buffer + " is not a CUDA buffer");
            }
            ensure(index);
            if (slots[index] != b.arg) {
                slots[index] = b.arg;
                params = null;
            }
            return this;
        }

        /** The parameter array for cuLaunchKernel, rebuilt only when a slot changed its holder. */
        Pointer params() {
            if (params == null) {
                params = Pointer.to(slots.clone());
            }
            return params;
        }
    }
}
