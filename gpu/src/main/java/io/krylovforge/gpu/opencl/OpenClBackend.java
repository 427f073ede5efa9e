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
import java.util.List;
import java.util.Locale;
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
 * OpenCL backend (JOCL): one context and in-order queue on one device with double precision.
 * Kernels ({@code kernels.cl}) are compiled at run time for the device.
 *
 * <p>Reductions (dot, norm2, the fused CG step) are two-stage and deterministic: a fixed number
 * of work-groups (at most {@value #MAX_GROUPS}, of a fixed size {@link #groupSize()}) stride over
 * the vector and reduce in local memory with a fixed tree; the host adds the group partials in
 * order. Results depend on n and the group size only, not on scheduling.
 *
 * <p>Device memory is released when a vector or matrix becomes unreachable (a {@link Cleaner})
 * or when the backend is closed. Out-of-memory reports the bytes asked for
 * ({@link DeviceOutOfMemoryException}). Launches are serialized on one lock: the argument
 * holders and the partial-sum buffer are shared.
 *
 * <p>Requirements: an OpenCL 1.2+ device with {@code cl_khr_fp64}.
 */
public final class OpenClBackend implements DeviceBackend {
    /** Upper bound on the work-groups of a reduction (enough to fill any current GPU). */
    public static final int MAX_GROUPS = 1024;
    private static final int PREFERRED_GROUP_SIZE = 256;
    static final Cleaner CLEANER = Cleaner.create();

    private final String spec;
    private final String description;
    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final long maxAlloc;
    private final int wg;

    final cl_kernel kAxpy;
    final cl_kernel kAxpby;
    final cl_kernel kScale;
    final cl_kernel kFill;
    final cl_kernel kPointwise;
    final cl_kernel kDot;
    final cl_kernel kCgUpdate;
    final cl_kernel kSpmvScalar;
    final cl_kernel kSpmvVector;
    final cl_kernel kLaplacian;

    private final cl_mem partialMem;
    private final Pointer partialMemPtr;
    private final double[] partialHost = new double[MAX_GROUPS];
    private final Pointer partialHostPtr = Pointer.to(partialHost);
    // Argument holders reused for every launch: clSetKernelArg copies the value at the call.
    private final int[] intArg = new int[1];
    private final Pointer intPtr = Pointer.to(intArg);
    private final double[] doubleArg = new double[1];
    private final Pointer doublePtr = Pointer.to(doubleArg);
    private final long[] globalWork = new long[1];
    private final long[] localWork = new long[1];
    private final long[] globalWork2 = new long[2];
    private final long[] localWork2 = new long[2];
    private final Object lock = new Object();
    private volatile boolean closed;

    private OpenClBackend(String spec, cl_platform_id platform, cl_device_id device, String description) {
        this.spec = spec;
        this.device = device;
        this.description = description;
        this.maxAlloc = deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, platform);
        this.context = clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
        this.queue = createQueue(context, device);
        String source = loadSource();
        int size = Integer.highestOneBit((int) Math.min(PREFERRED_GROUP_SIZE,
                deviceLong(device, CL_DEVICE_MAX_WORK_GROUP_SIZE)));
        cl_program built = null;
        while (true) {
            built = build(source, size);
            long kernelMax = Long.MAX_VALUE;
            for (String name : new String[] {"kf_dot", "kf_cg_update", "kf_spmv_vector"}) {
                cl_kernel k = clCreateKernel(built, name, null);
                long[] v = new long[1];
                clGetKernelWorkGroupInfo(k, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
                clReleaseKernel(k);
                kernelMax = Math.min(kernelMax, v[0]);
            }
            if (kernelMax >= size || size <= 32) {
                break;
            }
            clReleaseProgram(built);
            size >>= 1; // the kernels need fewer threads per group on this device
        }
        this.program = built;
        this.wg = size;
        kAxpy = clCreateKernel(program, "kf_axpy", null);
        kAxpby = clCreateKernel(program, "kf_axpby", null);
        kScale = clCreateKernel(program, "kf_scale", null);
        kFill = clCreateKernel(program, "kf_fill", null);
        kPointwise = clCreateKernel(program, "kf_pointwise", null);
        kDot = clCreateKernel(program, "kf_dot", null);
        kCgUpdate = clCreateKernel(program, "kf_cg_update", null);
        kSpmvScalar = clCreateKernel(program, "kf_spmv_scalar", null);
        kSpmvVector = clCreateKernel(program, "kf_spmv_vector", null);
        kLaplacian = clCreateKernel(program, "kf_laplacian2d", null);
        partialMem = clCreateBuffer(context, CL_MEM_READ_WRITE, (long) MAX_GROUPS * Sizeof.cl_double, null, null);
        partialMemPtr = Pointer.to(partialMem);
    }

    @SuppressWarnings("deprecation")
    private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
        // clCreateCommandQueue (1.2) rather than ...WithProperties (2.0): NVIDIA's driver is 1.2/3.0.
        return CL.clCreateCommandQueue(context, device, 0, null);
    }

    private cl_program build(String source, int groupSize) {
        return build(source, "-DWG=" + groupSize);
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
            throw new BackendUnavailableException("opencl: kernels failed to build on " + description
                    + ": " + new String(log, StandardCharsets.UTF_8).trim(), e);
        }
        return p;
    }

    private static String loadSource() {
        return loadSource("kernels.cl");
    }

    private static String loadSource(String resource) {
        try (InputStream in = OpenClBackend.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("internal: " + resource + " missing from the gpu jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("internal: cannot read " + resource, e);
        }
    }

    /** Builds another program of this package's resources (e.g. convnet.cl) for this device. */
    cl_program buildProgram(String resource, String options) {
        synchronized (lock) {
            checkOpen();
            return build(loadSource(resource), options);
        }
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
            cl_platform_id[] platforms = platforms();
            for (int p = 0; p < platforms.length; p++) {
                String pname = platformString(platforms[p], CL_PLATFORM_NAME);
                cl_device_id[] devices = devices(platforms[p]);
                for (int d = 0; d < devices.length; d++) {
                    boolean fp64 = hasFp64(devices[d]);
                    out.add(new DeviceInfo("opencl:" + p + ":" + d, "opencl",
                            deviceString(devices[d], CL_DEVICE_NAME) + " [" + pname + "]",
                            typeName(deviceLong(devices[d], CL_DEVICE_TYPE)),
                            deviceLong(devices[d], CL_DEVICE_GLOBAL_MEM_SIZE), fp64,
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
    public static OpenClBackend open(int p, int d) {
        return guard(() -> {
            cl_platform_id[] platforms = platforms();
            if (p < 0 || p >= platforms.length) {
                throw new BackendUnavailableException("opencl: no platform " + p + " (found "
                        + platforms.length + ")");
            }
            cl_device_id[] devices = devices(platforms[p]);
            if (d < 0 || d >= devices.length) {
                throw new BackendUnavailableException("opencl: platform " + p + " has no device " + d
                        + " (found " + devices.length + ")");
            }
            cl_device_id dev = devices[d];
            String name = deviceString(dev, CL_DEVICE_NAME) + " ["
                    + platformString(platforms[p], CL_PLATFORM_NAME) + "]";
            if (!hasFp64(dev)) {
                throw new BackendUnavailableException("opencl:" + p + ":" + d + " " + name
                        + " has no double precision (cl_khr_fp64), which KrylovForge requires");
            }
            String desc = String.format(Locale.ROOT, "opencl:%d:%d %s (%s, %.1f GiB)", p, d, name,
                    typeName(deviceLong(dev, CL_DEVICE_TYPE)),
                    deviceLong(dev, CL_DEVICE_GLOBAL_MEM_SIZE) / (double) (1L << 30));
            return new OpenClBackend("opencl:" + p + ":" + d, platforms[p], dev, desc);
        });
    }

    /**
     * Opens the first device with fp64 of the given type (CL_DEVICE_TYPE_GPU, ..._ALL).
     *
     * @throws BackendUnavailableException when there is none, naming what was found
     */
    public static OpenClBackend openFirst(long type) {
        List<DeviceInfo> found = listDevices();
        StringBuilder seen = new StringBuilder();
        for (DeviceInfo info : found) {
            String[] parts = info.spec().split(":");
            boolean typeOk = type == CL_DEVICE_TYPE_ALL || info.type().equals(typeName(type));
            if (typeOk && info.fp64()) {
                return open(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            seen.append(seen.length() == 0 ? "" : ", ").append(info.name()).append(' ').append(info.type())
                    .append(info.fp64() ? "" : " without fp64");
        }
        throw new BackendUnavailableException("no OpenCL " + (type == CL_DEVICE_TYPE_GPU ? "GPU" : "device")
                + " with fp64" + (seen.length() == 0 ? " (no devices)" : " (found " + seen + ")"));
    }

    /** Runs an OpenCL call, turning missing natives or driver errors into BackendUnavailable. */
    static <T> T guard(java.util.function.Supplier<T> call) {
        try {
            CL.setExceptionsEnabled(true);
            return call.get();
        } catch (BackendUnavailableException | DeviceOutOfMemoryException e) {
            throw e;
        } catch (CLException e) {
            throw new BackendUnavailableException("opencl: " + e.getMessage(), e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) { // UnsatisfiedLinkError and friends when libOpenCL is missing
            throw new BackendUnavailableException("opencl: cannot load the OpenCL library ("
                    + io.krylovforge.gpu.NativeLoadErrors.summary(t) + ")", t);
        }
    }

    private static cl_platform_id[] platforms() {
        int[] count = new int[1];
        try {
            clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // CL_PLATFORM_NOT_FOUND_KHR from the ICD loader: no vendor registered
            throw new BackendUnavailableException("opencl: no OpenCL platform (" + e.getMessage()
                    + "; is an ICD such as pocl-opencl-icd or the NVIDIA driver installed?)", e);
        }
        if (count[0] == 0) {
            throw new BackendUnavailableException("opencl: no OpenCL platform installed");
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        clGetPlatformIDs(ids.length, ids, null);
        return ids;
    }

    private static cl_device_id[] devices(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            return new cl_device_id[0]; // CL_DEVICE_NOT_FOUND
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        return ids;
    }

    private static boolean hasFp64(cl_device_id d) {
        return (" " + deviceString(d, CL_DEVICE_EXTENSIONS) + " ").contains(" cl_khr_fp64 ");
    }

    static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    // ---------------------------------------------------------------- Backend

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return description;
    }

    /** The spec that reopens this device, "opencl:P:D". */
    public String spec() {
        return spec;
    }

    /** Work-items per work-group of every kernel launch (a power of two). */
    public int groupSize() {
        return wg;
    }

    @Override
    public OpenClVector zeros(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("vector size must be >= 0, got " + n);
        }
        OpenClVector v = new OpenClVector(this, n);
        v.fill(0.0);
        return v;
    }

    @Override
    public OpenClVector of(double[] values) {
        OpenClVector v = new OpenClVector(this, values.length);
        v.setFrom(values);
        return v;
    }

    @Override
    public double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        OpenClVector xv = vector(x, "x");
        int n = xv.n;
        OpenClVector pv = vector(p, "p", n);
        OpenClVector qv = vector(q, "q", n);
        OpenClVector rv = vector(r, "r", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (lock) {
            checkOpen();
            setInt(kCgUpdate, 0, n);
            setDouble(kCgUpdate, 1, alpha);
            setMem(kCgUpdate, 2, pv.ptr);
            setMem(kCgUpdate, 3, qv.ptr);
            setMem(kCgUpdate, 4, xv.ptr);
            setMem(kCgUpdate, 5, rv.ptr);
            return reduce(kCgUpdate, 6, n); // x += alpha p, r -= alpha q, r'r
        }
    }

    @Override
    public void pointwiseMultiply(Vector d, Vector x, Vector z) {
        OpenClVector zv = vector(z, "z");
        int n = zv.n;
        OpenClVector dv = vector(d, "d", n);
        OpenClVector xv = vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (lock) {
            checkOpen();
            setInt(kPointwise, 0, n);
            setMem(kPointwise, 1, dv.ptr);
            setMem(kPointwise, 2, xv.ptr);
            setMem(kPointwise, 3, zv.ptr);
            launch(kPointwise, n); // z = diag(d) x
        }
    }

    /** Uploads with the kernel chosen by mean row length ({@link SpmvKernel#AUTO}). */
    @Override
    public OpenClCsrMatrix upload(CsrMatrix a) {
        return new OpenClCsrMatrix(this, a, SpmvKernel.AUTO);
    }

    @Override
    public OpenClCsrMatrix upload(CsrMatrix a, SpmvKernel kernel) {
        return new OpenClCsrMatrix(this, a, kernel);
    }

    @Override
    public OpenClConvNet convNet(io.krylovforge.learned.ConvNet net, io.krylovforge.learned.Grid grid) {
        return new OpenClConvNet(this, net, grid);
    }

    @Override
    public OpenClNeuralPoissonNet neuralPoisson(io.krylovforge.learned.poisson.NeuralPoissonNet net) {
        return new OpenClNeuralPoissonNet(this, net);
    }

    @Override
    public LinearOperator laplacian2d(int nx, int ny) {
        return new OpenClLaplacian2d(this, nx, ny);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            clFinish(queue);
            for (cl_kernel k : new cl_kernel[] {kAxpy, kAxpby, kScale, kFill, kPointwise, kDot, kCgUpdate,
                    kSpmvScalar, kSpmvVector, kLaplacian}) {
                clReleaseKernel(k);
            }
            clReleaseMemObject(partialMem);
            clReleaseProgram(program);
            clReleaseCommandQueue(queue);
            clReleaseContext(context); // buffers still alive keep it until the cleaner frees them
        }
    }

    @Override
    public String toString() {
        return description;
    }

    // ---------------------------------------------------------------- package-private plumbing

    /** The OpenCL vector behind {@code v}, which must live on this backend. */
    OpenClVector vector(Vector v, String what) {
        if (v instanceof OpenClVector o && o.backend == this) {
            return o;
        }
        throw new IllegalArgumentException(what + " lives on " + v.backend().name()
                + (v instanceof OpenClVector ? " (another OpenCL context)" : "")
                + ", expected a vector of " + spec + " (upload it with backend.of(...))");
    }

    OpenClVector vector(Vector v, String what, int n) {
        OpenClVector o = vector(v, what);
        if (o.n != n) {
            throw new DimensionMismatchException(what + " has " + o.n + " entries, expected " + n);
        }
        return o;
    }

    /** A device buffer of {@code bytes} (at least 8), reporting the size if allocation fails. */
    cl_mem allocate(long bytes, long flags, Pointer host) {
        long size = Math.max(bytes, Sizeof.cl_double);
        if (size > maxAlloc) {
            throw new DeviceOutOfMemoryException(spec, size, "the largest single allocation on "
                    + description + " is " + maxAlloc + " bytes", null);
        }
        try {
            return clCreateBuffer(context, flags, size, host, null);
        } catch (CLException e) {
            throw outOfMemory(size, e);
        }
    }

    cl_mem allocate(long bytes) {
        return allocate(bytes, CL_MEM_READ_WRITE, null);
    }

    cl_mem uploadInts(int[] values, int length) {
        return allocate((long) length * Sizeof.cl_int, CL_MEM_READ_ONLY | (length > 0 ? CL_MEM_COPY_HOST_PTR : 0),
                length > 0 ? Pointer.to(values) : null);
    }

    cl_mem uploadDoubles(double[] values, int length) {
        return allocate((long) length * Sizeof.cl_double,
                CL_MEM_READ_ONLY | (length > 0 ? CL_MEM_COPY_HOST_PTR : 0), length > 0 ? Pointer.to(values) : null);
    }

    RuntimeException outOfMemory(long bytes, CLException e) {
        int s = e.getStatus();
        if (s == CL_MEM_OBJECT_ALLOCATION_FAILURE || s == CL_OUT_OF_RESOURCES || s == CL_OUT_OF_HOST_MEMORY) {
            return new DeviceOutOfMemoryException(spec, bytes, e.getMessage(), e);
        }
        return e;
    }

    /** Registers device buffers to be released when {@code owner} becomes unreachable. */
    static Cleaner.Cleanable releaseWhenUnreachable(Object owner, cl_mem... mems) {
        return CLEANER.register(owner, releaser(mems));
    }

    private static Runnable releaser(cl_mem[] mems) {
        return () -> release(mems);
    }

    /** Releases buffers now (nulls skipped, errors ignored: the context may be gone). */
    static void release(cl_mem... mems) {
        for (cl_mem m : mems) {
            if (m != null) {
                try {
                    clReleaseMemObject(m);
                } catch (RuntimeException ignored) {
                    // the context is gone already; nothing left to free
                }
            }
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("opencl backend " + spec + " is closed");
        }
    }

    Object lock() {
        return lock;
    }

    void setInt(cl_kernel k, int index, int value) {
        intArg[0] = value;
        CL.clSetKernelArg(k, index, Sizeof.cl_int, intPtr);
    }

    void setDouble(cl_kernel k, int index, double value) {
        doubleArg[0] = value;
        CL.clSetKernelArg(k, index, Sizeof.cl_double, doublePtr);
    }

    void setMem(cl_kernel k, int index, Pointer memPointer) {
        CL.clSetKernelArg(k, index, Sizeof.cl_mem, memPointer);
    }

    /** Launches {@code k} over at least {@code items} work-items in groups of {@code local}. */
    void launch(cl_kernel k, long items, int local) {
        globalWork[0] = (items + local - 1) / local * local;
        localWork[0] = local;
        clEnqueueNDRangeKernel(queue, k, 1, null, globalWork, localWork, 0, null, null);
    }

    /**
     * Launches {@code k} on a 2D range: at least {@code items} work-items in x (groups of
     * {@code local}) times {@code rows} in y.
     */
    void launch2d(cl_kernel k, long items, int rows, int local) {
        globalWork2[0] = (items + local - 1) / local * local;
        globalWork2[1] = rows;
        localWork2[0] = local;
        localWork2[1] = 1;
        clEnqueueNDRangeKernel(queue, k, 2, null, globalWork2, localWork2, 0, null, null);
    }

    /** The work-group size to launch {@code k} with: {@link #groupSize()} or less if the kernel needs it. */
    int groupSizeFor(cl_kernel k) {
        long[] v = new long[1];
        clGetKernelWorkGroupInfo(k, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
        return (int) Math.min(wg, Long.highestOneBit(Math.max(1, v[0])));
    }

    /** Waits for every enqueued command (for timing). */
    void finish() {
        clFinish(queue);
    }

    /** Launches an element-wise kernel over n items (n > 0). */
    void launch(cl_kernel k, int n) {
        launch(k, n, wg);
    }

    /** Runs a reduction kernel whose partial-sum buffer is argument {@code partialArg}. */
    double reduce(cl_kernel k, int partialArg, int n) {
        int groups = (int) Math.min(MAX_GROUPS, (n + (long) wg - 1) / wg);
        CL.clSetKernelArg(k, partialArg, Sizeof.cl_mem, partialMemPtr);
        launch(k, (long) groups * wg, wg);
        clEnqueueReadBuffer(queue, partialMem, CL_TRUE, 0, (long) groups * Sizeof.cl_double,
                partialHostPtr, 0, null, null);
        double total = 0.0;
        for (int g = 0; g < groups; g++) {
            total += partialHost[g]; // fixed order: deterministic
        }
        return total;
    }

    void read(cl_mem mem, double[] dst) {
        clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, (long) dst.length * Sizeof.cl_double,
                Pointer.to(dst), 0, null, null);
    }

    void write(cl_mem mem, double[] src) {
        clEnqueueWriteBuffer(queue, mem, CL_TRUE, 0, (long) src.length * Sizeof.cl_double,
                Pointer.to(src), 0, null, null);
    }

    void copy(cl_mem src, cl_mem dst, int n) {
        clEnqueueCopyBuffer(queue, src, dst, 0, 0, (long) n * Sizeof.cl_double, 0, null, null);
    }
}
