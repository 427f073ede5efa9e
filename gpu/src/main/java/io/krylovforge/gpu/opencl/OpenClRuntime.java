package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_OUT_OF_HOST_MEMORY;
import static org.jocl.CL.CL_OUT_OF_RESOURCES;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * {@link DeviceRuntime} on OpenCL (JOCL): one context and in-order queue on one device with
 * double precision. Kernel modules are compiled at run time from their one source
 * ({@link KernelSource#openCl}) with {@code -DWG=}{@link #groupSize()}.
 *
 * <p>Every native handle of the runtime itself (context, queue, programs, the partial-sum buffer)
 * is on a {@link ReleaseStack}: a failure half way through opening releases what was made, and
 * {@link #close()} releases the rest. Buffers are released explicitly or, through a
 * {@link java.lang.ref.Cleaner}, when their owner becomes unreachable (OpenCL allows that from any thread).
 *
 * <p>Requirements: an OpenCL 1.2+ device with {@code cl_khr_fp64}. Platform and device queries
 * live in {@link OpenClDevices}.
 */
public final class OpenClRuntime extends RuntimeBase<cl_mem, Pointer, OpenClRuntime.ClKernel> {
    private static final int PREFERRED_GROUP_SIZE = 256;

    private final cl_device_id device;
    private final long maxAlloc;
    private final cl_context context;
    private final cl_command_queue queue;
    private final int wg;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Buffer<cl_mem, Pointer> partial;
    private final Pointer partialHostPtr = Pointer.to(partialHost());
    private final long[] globalWork = new long[2];
    private final long[] localWork = new long[2];

    private OpenClRuntime(String spec, cl_platform_id platform, cl_device_id device, String description,
            ReleaseStack handles) {
        super("opencl", "OpenCL", spec, description, ClKernel.class, handles);
        this.device = device;
        this.maxAlloc = OpenClDevices.deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, platform);
            context = handles.push(clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null),
                    CL::clReleaseContext);
            queue = handles.push(createQueue(context, device), CL::clReleaseCommandQueue);
            wg = buildVectorProgram();
            partial = handles.push(allocate((long) MAX_GROUPS * Sizeof.cl_double, CL_MEM_READ_WRITE, null),
                    this::releaseNow);
        } catch (RuntimeException e) {
            handles.releaseAll(); // a half-opened runtime keeps nothing, the context included
            throw e;
        }
    }

    @SuppressWarnings("deprecation")
    private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
        // clCreateCommandQueue (1.2) rather than ...WithProperties (2.0): NVIDIA's driver is 1.2/3.0.
        return CL.clCreateCommandQueue(context, device, 0, null);
    }

    /**
     * Builds the vector kernels with the largest group size (≤ 256) that the reduction and vector
     * SpMV kernels accept on this device, and keeps that program.
     */
    private int buildVectorProgram() {
        String source = KernelSource.openCl(DeviceRuntime.class, "kernels/vector");
        int size = Integer.highestOneBit((int) Math.min(PREFERRED_GROUP_SIZE,
                OpenClDevices.deviceLong(device, CL_DEVICE_MAX_WORK_GROUP_SIZE)));
        while (true) {
            cl_program built = build(source, "-DWG=" + size);
            long kernelMax = Long.MAX_VALUE;
            for (String name : new String[] {"kf_dot", "kf_cg_update", "kf_spmv_vector"}) {
                cl_kernel k = clCreateKernel(built, name, null);
                kernelMax = Math.min(kernelMax, kernelGroupLimit(k));
                clReleaseKernel(k);
            }
            if (kernelMax >= size || size <= 32) {
                programs.put(key(DeviceRuntime.class, "kernels/vector"), handles.push(built, CL::clReleaseProgram));
                return size;
            }
            clReleaseProgram(built);
            size >>= 1; // the kernels need fewer threads per group on this device
        }
    }

    private cl_program build(String source, String options) {
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(p, 0, null, options, null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            clReleaseProgram(p);
            throw new BackendUnavailableException("opencl: kernels failed to build on " + description()
                    + ": " + new String(log, StandardCharsets.UTF_8).trim(), e);
        }
        return p;
    }

    private static String key(Class<?> owner, String source) {
        return owner.getPackageName() + "/" + source;
    }

    private long kernelGroupLimit(cl_kernel k) {
        long[] v = new long[1];
        clGetKernelWorkGroupInfo(k, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    // ---------------------------------------------------------------- discovery and opening

    /**
     * Every OpenCL device found, with its spec "opencl:P:D".
     *
     * @throws BackendUnavailableException when the OpenCL library or platforms are missing
     */
    public static List<DeviceInfo> listDevices() {
        return guard(() -> {
            List<DeviceInfo> out = new ArrayList<>();
            cl_platform_id[] platforms = OpenClDevices.platforms();
            for (int p = 0; p < platforms.length; p++) {
                String pname = OpenClDevices.platformString(platforms[p], CL_PLATFORM_NAME);
                cl_device_id[] devices = OpenClDevices.devices(platforms[p]);
                for (int d = 0; d < devices.length; d++) {
                    boolean fp64 = OpenClDevices.hasFp64(devices[d]);
                    out.add(new DeviceInfo("opencl:" + p + ":" + d, "opencl",
                            OpenClDevices.deviceString(devices[d], CL_DEVICE_NAME) + " [" + pname + "]",
                            OpenClDevices.typeName(OpenClDevices.deviceLong(devices[d], CL_DEVICE_TYPE)),
                            OpenClDevices.deviceLong(devices[d], CL_DEVICE_GLOBAL_MEM_SIZE), fp64,
                            fp64 ? "" : "no cl_khr_fp64"));
                }
            }
            return out;
        });
    }

    /**
     * Opens platform {@code p}, device {@code d}.
     *
     * @throws BackendUnavailableException when it does not exist, lacks fp64 or cannot be opened
     */
    public static OpenClRuntime open(int p, int d) {
        return open(p, d, new ReleaseStack());
    }

    /** {@link #open(int, int)} recording its handles on {@code handles} (tests inject failures there). */
    static OpenClRuntime open(int p, int d, ReleaseStack handles) {
        return guard(() -> {
            cl_platform_id[] platforms = OpenClDevices.platforms();
            if (p < 0 || p >= platforms.length) {
                throw new BackendUnavailableException("opencl: no platform " + p + " (found "
                        + platforms.length + ")");
            }
            cl_device_id[] devices = OpenClDevices.devices(platforms[p]);
            if (d < 0 || d >= devices.length) {
                throw new BackendUnavailableException("opencl: platform " + p + " has no device " + d
                        + " (found " + devices.length + ")");
            }
            cl_device_id dev = devices[d];
            String name = OpenClDevices.deviceString(dev, CL_DEVICE_NAME) + " ["
                    + OpenClDevices.platformString(platforms[p], CL_PLATFORM_NAME) + "]";
            if (!OpenClDevices.hasFp64(dev)) {
                throw new BackendUnavailableException("opencl:" + p + ":" + d + " " + name
                        + " has no double precision (cl_khr_fp64), which KrylovForge requires");
            }
            String desc = String.format(Locale.ROOT, "opencl:%d:%d %s (%s, %.1f GiB)", p, d, name,
                    OpenClDevices.typeName(OpenClDevices.deviceLong(dev, CL_DEVICE_TYPE)),
                    OpenClDevices.deviceLong(dev, CL_DEVICE_GLOBAL_MEM_SIZE) / (double) (1L << 30));
            return new OpenClRuntime("opencl:" + p + ":" + d, platforms[p], dev, desc, handles);
        });
    }

    /**
     * Opens the first device with fp64 of the given type (CL_DEVICE_TYPE_GPU, ..._ALL).
     *
     * @throws BackendUnavailableException when there is none, naming what was found
     */
    public static OpenClRuntime openFirst(long type) {
        List<DeviceInfo> found = listDevices();
        StringBuilder seen = new StringBuilder();
        for (DeviceInfo info : found) {
            String[] parts = info.spec().split(":");
            boolean typeOk = type == CL_DEVICE_TYPE_ALL || info.type().equals(OpenClDevices.typeName(type));
            if (typeOk && info.fp64()) {
                return open(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            seen.append(seen.length() == 0 ? "" : ", ").append(info.name()).append(' ').append(info.type())
                    .append(info.fp64() ? "" : " without fp64");
        }
        throw new BackendUnavailableException("no OpenCL " + (type == CL_DEVICE_TYPE_GPU ? "GPU" : "device")
                + " with fp64" + (seen.length() == 0 ? " (no devices)" : " (found " + seen + ")"));
    }

    /** Runs an OpenCL call, turning a missing loader, missing natives or driver errors into BackendUnavailable. */
    static <T> T guard(Supplier<T> call) {
        String noLoader = OpenClLoader.missing();
        if (!noLoader.isEmpty()) {
            throw new BackendUnavailableException(noLoader); // before JOCL prints to stderr
        }
        CL.setExceptionsEnabled(true);
        return guard("opencl", CLException.class, "cannot load the OpenCL library (%s); " + OpenClLoader.INSTALL, call);
    }

    // ---------------------------------------------------------------- DeviceRuntime

    @Override
    public int groupSize() {
        return wg;
    }

    @Override
    protected void enter() {
        checkOpen();
    }

    @Override
    protected Buffer<cl_mem, Pointer> allocateNow(long bytes) {
        return allocate(bytes, CL_MEM_READ_WRITE, null);
    }

    @Override
    protected Buffer<cl_mem, Pointer> uploadNow(double[] values, int length) {
        return allocate((long) length * Sizeof.cl_double, CL_MEM_READ_ONLY | (length > 0 ? CL_MEM_COPY_HOST_PTR : 0),
                length > 0 ? Pointer.to(values) : null);
    }

    @Override
    protected Buffer<cl_mem, Pointer> uploadNow(int[] values, int length) {
        return allocate((long) length * Sizeof.cl_int, CL_MEM_READ_ONLY | (length > 0 ? CL_MEM_COPY_HOST_PTR : 0),
                length > 0 ? Pointer.to(values) : null);
    }

    private Buffer<cl_mem, Pointer> allocate(long bytes, long flags, Pointer host) {
        long size = Math.max(bytes, Sizeof.cl_double);
        if (size > maxAlloc) {
            throw new DeviceOutOfMemoryException(spec(), size, "the largest single allocation on "
                    + description() + " is " + maxAlloc + " bytes", null);
        }
        try {
            cl_mem mem = clCreateBuffer(context, flags, size, host, null);
            return newBuffer(mem, Pointer.to(mem), size);
        } catch (CLException e) {
            throw outOfMemory(size, e);
        }
    }

    @Override
    protected void writeNow(Buffer<cl_mem, Pointer> dst, double[] src, int length) {
        try {
            clEnqueueWriteBuffer(queue, dst.handle(), CL_TRUE, 0, (long) length * Sizeof.cl_double, Pointer.to(src),
                    0, null, null);
        } catch (CLException e) {
            throw outOfMemory(0, e); // lazily allocating drivers report a failed allocation at first use
        }
    }

    @Override
    protected void readNow(Buffer<cl_mem, Pointer> src, double[] dst, int length) {
        clEnqueueReadBuffer(queue, src.handle(), CL_TRUE, 0, (long) length * Sizeof.cl_double, Pointer.to(dst),
                0, null, null);
    }

    @Override
    protected void copyNow(Buffer<cl_mem, Pointer> src, Buffer<cl_mem, Pointer> dst, long doubles) {
        clEnqueueCopyBuffer(queue, src.handle(), dst.handle(), 0, 0, doubles * Sizeof.cl_double, 0, null, null);
    }

    @Override
    protected DeviceKernel kernelNow(Class<?> owner, String source, String kernel) {
        cl_program p = programs.get(key(owner, source));
        if (p == null) {
            cl_program built = guard(() -> build(KernelSource.openCl(owner, source), "-DWG=" + wg));
            p = handles.push(built, CL::clReleaseProgram);
            programs.put(key(owner, source), p);
        }
        cl_kernel k = clCreateKernel(p, kernel, null);
        // on the stack too, so close() frees kernels their owner never released
        return handles.push(new ClKernel(k, (int) Math.min(wg, Long.highestOneBit(Math.max(1, kernelGroupLimit(k))))),
                ClKernel::release);
    }

    @Override
    protected void launchNow(ClKernel k, long items, int rows) {
        enqueue(k, items, rows, k.local);
    }

    private void enqueue(ClKernel k, long items, int rows, int local) {
        k.usable();
        globalWork[0] = (items + local - 1) / local * local;
        globalWork[1] = rows;
        localWork[0] = local;
        localWork[1] = 1;
        try {
            clEnqueueNDRangeKernel(queue, k.kernel, rows == 1 ? 1 : 2, null, globalWork, localWork, 0, null, null);
        } catch (CLException e) {
            throw outOfMemory(0, e);
        }
    }

    @Override
    protected void reduceNow(ClKernel k, int partialArg, int groups) {
        k.set(partialArg, partial);
        enqueue(k, (long) groups * wg, 1, wg); // WG is compiled into the kernel's scratch array
        clEnqueueReadBuffer(queue, partial.handle(), CL_TRUE, 0, (long) groups * Sizeof.cl_double, partialHostPtr,
                0, null, null);
    }

    @Override
    protected void synchronizeNow() {
        clFinish(queue);
    }

    @Override
    protected void releaseNow(Buffer<cl_mem, Pointer> b) {
        if (b.claimRelease()) { // OpenCL: any time, the context lives on in its buffers
            try {
                clReleaseMemObject(b.handle());
            } catch (RuntimeException ignored) {
                // nothing left to free
            }
        }
    }

    @Override
    protected void releaseLater(Buffer<cl_mem, Pointer> b) {
        releaseNow(b); // OpenCL allows it from the cleaner's thread
    }

    @Override
    public void release(DeviceKernel... kernels) {
        for (DeviceKernel k : kernels) {
            if (k != null) {
                kernel(k).release();
            }
        }
    }

    @Override
    protected void finishBeforeClose() {
        clFinish(queue);
    }

    private RuntimeException outOfMemory(long bytes, CLException e) {
        int s = e.getStatus();
        if (s == CL_MEM_OBJECT_ALLOCATION_FAILURE || s == CL_OUT_OF_RESOURCES || s == CL_OUT_OF_HOST_MEMORY) {
            return new DeviceOutOfMemoryException(spec(), bytes, e.getMessage(), e);
        }
        return e;
    }

    /**
     * A cl_kernel of its own: arguments set here stay until set again (clSetKernelArg copies them).
     * Refuses work once released or once the runtime is closed (the driver would crash).
     */
    final class ClKernel implements DeviceKernel {
        final cl_kernel kernel;
        final int local;
        private final int[] intArg = new int[1];
        private final Pointer intPtr = Pointer.to(intArg);
        private final double[] doubleArg = new double[1];
        private final Pointer doublePtr = Pointer.to(doubleArg);
        private final AtomicBoolean released = new AtomicBoolean();

        ClKernel(cl_kernel kernel, int local) {
            this.kernel = kernel;
            this.local = local;
        }

        @Override
        public DeviceKernel set(int index, int value) {
            usable();
            intArg[0] = value;
            CL.clSetKernelArg(kernel, index, Sizeof.cl_int, intPtr);
            return this;
        }

        @Override
        public DeviceKernel set(int index, double value) {
            usable();
            doubleArg[0] = value;
            CL.clSetKernelArg(kernel, index, Sizeof.cl_double, doublePtr);
            return this;
        }

        @Override
        public DeviceKernel set(int index, DeviceBuffer buffer) {
            usable();
            CL.clSetKernelArg(kernel, index, Sizeof.cl_mem, buffer(buffer).arg());
            return this;
        }

        private void usable() {
            checkOpen();
            if (released.get()) {
                throw new IllegalStateException("internal: kernel used after release");
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    clReleaseKernel(kernel);
                } catch (RuntimeException ignored) {
                    // nothing left to free
                }
            }
        }
    }
}
