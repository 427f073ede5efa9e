package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceBuffer;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceKernel;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.DeviceRuntime;
import io.krylovforge.gpu.KernelSource;
import io.krylovforge.gpu.ReleaseStack;
import io.krylovforge.gpu.RuntimeBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
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
 * queued by a {@link java.lang.ref.Cleaner} and freed on the next allocation or at {@link #close()}, on a thread
 * holding the context. The context, modules and partial-sum buffer are on a {@link ReleaseStack}:
 * a failure half way through opening releases what was made. A missing driver or natives
 * ({@link UnsatisfiedLinkError}) becomes {@link BackendUnavailableException} with the reason.
 */
public final class CudaRuntime extends RuntimeBase<CUdeviceptr, Pointer, CudaRuntime.CudaKernel> {
    /** Threads per block of every launch; WG in kf_cuda.h. */
    public static final int BLOCK = 256;
    /** Whose context each thread has current (the driver API keeps one current context per thread). */
    private static final ThreadLocal<CudaRuntime> CURRENT = new ThreadLocal<>();

    private final CUcontext context;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Buffer<CUdeviceptr, Pointer> partial;
    private final Pointer partialHostPtr = Pointer.to(partialHost());
    /** Freed device pointers waiting for a thread that holds the context. */
    private final ConcurrentLinkedQueue<Buffer<CUdeviceptr, Pointer>> pendingFree = new ConcurrentLinkedQueue<>();

    private CudaRuntime(int ordinal, CUdevice device, String description, ReleaseStack handles) {
        super("cuda", "CUDA", "cuda:" + ordinal, description, CudaKernel.class, handles);
        try {
            CUcontext ctx = new CUcontext();
            check(JCudaDriver.cuCtxCreate(ctx, 0, device), "cuCtxCreate");
            context = handles.push(ctx, c -> JCudaDriver.cuCtxDestroy(c)); // frees every allocation too
            CURRENT.set(this);
            module("kernels/vector", DeviceRuntime.class);
            partial = allocateNow((long) MAX_GROUPS * Sizeof.DOUBLE);
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
    static <T> T guard(Supplier<T> call) {
        return guard("cuda", CudaCallException.class, "cannot load the CUDA driver or JCuda natives (%s)", call);
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
    public int groupSize() {
        return BLOCK;
    }

    /** Makes the context current on this thread. */
    @Override
    protected void enter() {
        checkOpen();
        if (CURRENT.get() != this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CURRENT.set(this);
        }
    }

    @Override
    protected Buffer<CUdeviceptr, Pointer> allocateNow(long size) {
        for (Buffer<CUdeviceptr, Pointer> b; (b = pendingFree.poll()) != null; ) {
            free(b);
        }
        CUdeviceptr p = new CUdeviceptr();
        int result = JCudaDriver.cuMemAlloc(p, size);
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            long[] free = new long[1];
            long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            throw new DeviceOutOfMemoryException(spec(), size, free[0] + " of " + total[0] + " bytes free", null);
        }
        check(result, "cuMemAlloc(" + size + " bytes)");
        return newBuffer(p, Pointer.to(p), size);
    }

    @Override
    protected Buffer<CUdeviceptr, Pointer> uploadNow(double[] values, int length) {
        return copyIn(Pointer.to(values), (long) length * Sizeof.DOUBLE);
    }

    @Override
    protected Buffer<CUdeviceptr, Pointer> uploadNow(int[] values, int length) {
        return copyIn(Pointer.to(values), (long) length * Sizeof.INT);
    }

    private Buffer<CUdeviceptr, Pointer> copyIn(Pointer host, long bytes) {
        Buffer<CUdeviceptr, Pointer> b = allocateNow(Math.max(bytes, Sizeof.DOUBLE));
        if (bytes > 0) {
            check(JCudaDriver.cuMemcpyHtoD(b.handle(), host, bytes), "cuMemcpyHtoD");
        }
        return b;
    }

    @Override
    protected void writeNow(Buffer<CUdeviceptr, Pointer> dst, double[] src, int length) {
        check(JCudaDriver.cuMemcpyHtoD(dst.handle(), Pointer.to(src), (long) length * Sizeof.DOUBLE), "cuMemcpyHtoD");
    }

    @Override
    protected void readNow(Buffer<CUdeviceptr, Pointer> src, double[] dst, int length) {
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst), src.handle(), (long) length * Sizeof.DOUBLE), "cuMemcpyDtoH");
    }

    @Override
    protected void copyNow(Buffer<CUdeviceptr, Pointer> src, Buffer<CUdeviceptr, Pointer> dst, long doubles) {
        check(JCudaDriver.cuMemcpyDtoD(dst.handle(), src.handle(), doubles * Sizeof.DOUBLE), "cuMemcpyDtoD");
    }

    @Override
    protected DeviceKernel kernelNow(Class<?> owner, String source, String kernel) {
        CUfunction f = new CUfunction();
        check(JCudaDriver.cuModuleGetFunction(f, module(source, owner), kernel), "cuModuleGetFunction(" + kernel + ")");
        return new CudaKernel(f);
    }

    @Override
    protected void launchNow(CudaKernel k, long items, int rows) {
        int blocks = (int) ((items + BLOCK - 1) / BLOCK);
        check(JCudaDriver.cuLaunchKernel(k.function, blocks, rows, 1, BLOCK, 1, 1, 0, null, k.params(), null),
                "cuLaunchKernel");
    }

    @Override
    protected void reduceNow(CudaKernel k, int partialArg, int groups) {
        k.set(partialArg, partial);
        launchNow(k, (long) groups * BLOCK, 1);
        check(JCudaDriver.cuMemcpyDtoH(partialHostPtr, partial.handle(), (long) groups * Sizeof.DOUBLE), "cuMemcpyDtoH");
    }

    @Override
    protected void synchronizeNow() {
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    protected void releaseNow(Buffer<CUdeviceptr, Pointer> b) {
        if (!isClosed()) { // else the context took every allocation with it
            enter();
            free(b);
        }
    }

    @Override
    protected void releaseLater(Buffer<CUdeviceptr, Pointer> b) {
        pendingFree.add(b); // freed by a thread that holds the context
    }

    @Override
    public void release(DeviceKernel... kernels) {
        // functions belong to their module, unloaded at close
    }

    @Override
    protected void finishBeforeClose() {
        enter();
        JCudaDriver.cuCtxSynchronize();
    }

    @Override
    protected void afterClose() {
        pendingFree.clear();
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    /** Frees {@code b} once; call with the context current. */
    private static void free(Buffer<CUdeviceptr, Pointer> b) {
        if (b.claimRelease()) {
            JCudaDriver.cuMemFree(b.handle());
        }
    }

    /**
     * A function with its own parameter holders: cuLaunchKernel reads the values at the call, so
     * a set argument stays until set again. Holders are made the first time a slot is set.
     */
    final class CudaKernel implements DeviceKernel {
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
            Buffer<CUdeviceptr, Pointer> b = buffer(buffer);
            ensure(index);
            if (slots[index] != b.arg()) {
                slots[index] = b.arg();
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
