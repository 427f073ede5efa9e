package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.ConvNetSchedule;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.NetworkEvaluator;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * A DCDM {@link ConvNet} evaluated on an OpenCL device (kernels in {@code convnet.cl}), giving
 * {@link ConvNet#forward}'s results to rounding (the tests hold it to 1e-10 relative).
 *
 * <p>Set-up does all the work that does not depend on the input: the parameters are uploaded
 * once, the activation buffers of the {@link ConvNetSchedule} allocated once, and one kernel
 * object per layer is created with all its arguments set; an evaluation then only enqueues one
 * launch per layer (plus the input and output copies), allocating nothing. Convolutions run one
 * work-item per output cell and 16 output channels, every input value loaded once for all of
 * them; the weights, reordered by the schedule so that those 16 are contiguous, come as 16-byte
 * vector loads from global memory through the cache, a broadcast within a work-group (one conv
 * layer of 16×16×27 doubles is 55 KB, at the 64 KB constant-memory limit).
 *
 * <p>The parameters are copied at construction: later changes to the net (training) are not
 * seen. {@link #close()} releases the device memory; the backend must still be open. Launches
 * hold the backend's lock, so one evaluation runs at a time per backend.
 */
public final class OpenClConvNet implements NetworkEvaluator {
    /** Output channels per work-item of the convolution kernel (DCDM's width). */
    static final int COB = ConvNetSchedule.CONV_BLOCK;

    private final OpenClBackend backend;
    private final ConvNetSchedule schedule;
    private final cl_program program;
    private final cl_kernel[] kernels;
    private final long[] items;
    private final int[] rows;
    private final int[] local;
    private final cl_mem params;
    private final cl_mem[] buffers;
    private final int n;
    private boolean closed;

    /**
     * Builds the kernels, uploads the parameters and allocates the activations for {@code grid}.
     *
     * @throws IllegalArgumentException     when the net's dimension does not match the grid
     * @throws io.krylovforge.gpu.DeviceOutOfMemoryException when the activations do not fit
     */
    public OpenClConvNet(OpenClBackend backend, ConvNet net, Grid grid) {
        this.backend = backend;
        this.schedule = new ConvNetSchedule(net, grid);
        this.n = grid.size();
        List<ConvNetSchedule.Step> steps = schedule.steps();
        kernels = new cl_kernel[steps.size()];
        items = new long[steps.size()];
        rows = new int[steps.size()];
        local = new int[steps.size()];
        long[] lengths = schedule.bufferLengths();
        buffers = new cl_mem[lengths.length];
        double[] p = schedule.parameters();
        cl_program prog = null;
        cl_mem pm = null;
        try {
            prog = OpenClBackend.guard(() -> backend.buildProgram("convnet.cl", "-DCOB=" + COB));
            pm = backend.uploadDoubles(p, p.length);
            for (int b = 0; b < lengths.length; b++) {
                buffers[b] = backend.allocate(lengths[b] * Sizeof.cl_double, CL_MEM_READ_WRITE, null);
            }
            for (int s = 0; s < steps.size(); s++) {
                makeKernel(s, steps.get(s), prog, pm);
            }
        } catch (RuntimeException e) {
            release(prog, pm);
            throw e;
        }
        this.program = prog;
        this.params = pm;
    }

    private void makeKernel(int s, ConvNetSchedule.Step st, cl_program prog, cl_mem pm) {
        cl_mem in = buffers[st.in()];
        cl_mem out = buffers[st.out()];
        cl_mem add = st.add() >= 0 ? buffers[st.add()] : out; // not read when has_add = 0
        int hasAdd = st.add() >= 0 ? 1 : 0;
        cl_kernel k;
        int a = 0;
        switch (st.op()) {
            case CONV -> {
                k = clCreateKernel(prog, "kf_conv", null);
                a = ints(k, a, st.nx(), st.ny(), st.nz(), schedule.kernelDepth(), st.inCh(), st.outCh(),
                        ConvNetSchedule.padChannels(st.outCh()));
                a = mems(k, a, in, pm);
                a = ints(k, a, st.wOff(), st.bOff());
                a = mems(k, a, add);
                a = ints(k, a, hasAdd, st.relu() ? 1 : 0);
                mems(k, a, out);
                items[s] = st.cells();
                rows[s] = ConvNetSchedule.padChannels(st.outCh()) / COB;
            }
            case POOL -> {
                k = clCreateKernel(prog, "kf_avgpool", null);
                a = ints(k, a, st.nx(), st.ny(), st.nz(), schedule.poolZ());
                a = mems(k, a, in, add);
                a = ints(k, a, hasAdd);
                mems(k, a, out);
                items[s] = (long) ((st.nx() + 1) / 2) * ((st.ny() + 1) / 2)
                        * ((st.nz() + schedule.poolZ() - 1) / schedule.poolZ());
                rows[s] = st.outCh();
            }
            case UPSAMPLE -> {
                k = clCreateKernel(prog, "kf_upsample", null);
                a = ints(k, a, st.nx(), st.ny(), st.nz(), schedule.poolZ());
                a = mems(k, a, in, add);
                a = ints(k, a, hasAdd);
                mems(k, a, out);
                items[s] = st.cells();
                rows[s] = st.outCh();
            }
            case DENSE -> {
                k = clCreateKernel(prog, "kf_dense", null);
                a = ints(k, a, st.cells(), st.inCh());
                a = mems(k, a, in, pm);
                a = ints(k, a, st.wOff(), st.bOff());
                a = mems(k, a, add);
                a = ints(k, a, hasAdd);
                mems(k, a, out);
                items[s] = st.cells();
                rows[s] = st.outCh();
            }
            default -> throw new IllegalStateException("internal: op " + st.op());
        }
        kernels[s] = k;
        local[s] = backend.groupSizeFor(k);
    }

    private static int ints(cl_kernel k, int index, int... values) {
        for (int v : values) {
            CL.clSetKernelArg(k, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        }
        return index;
    }

    private static int mems(cl_kernel k, int index, cl_mem... mems) {
        for (cl_mem m : mems) {
            CL.clSetKernelArg(k, index++, Sizeof.cl_mem, Pointer.to(m));
        }
        return index;
    }

    @Override
    public Grid grid() {
        return schedule.grid();
    }

    @Override
    public Architecture architecture() {
        return schedule.architecture();
    }

    /** The launch plan (buffers, steps, FLOPs per forward). */
    public ConvNetSchedule schedule() {
        return schedule;
    }

    @Override
    public String device() {
        return backend.description();
    }

    @Override
    public void apply(double[] in, double[] out) {
        if (in.length != n || out.length != n) {
            throw new DimensionMismatchException("network input/output must have " + n + " cells, got "
                    + in.length + " and " + out.length);
        }
        synchronized (backend.lock()) {
            checkOpen();
            backend.write(buffers[schedule.inputBuffer()], in); // host -> device
            run();
            backend.read(buffers[schedule.outputBuffer()], out); // device -> host (blocking)
        }
    }

    /** Device vectors of this backend stay on the device (two device copies); others go through the host. */
    @Override
    public void apply(Vector in, Vector out) {
        if (in instanceof OpenClVector vi && vi.backend == backend && out instanceof OpenClVector vo
                && vo.backend == backend) {
            if (vi.n != n || vo.n != n) {
                throw new DimensionMismatchException("network input has " + vi.n + " and output " + vo.n
                        + " entries; the grid " + grid() + " has " + n);
            }
            synchronized (backend.lock()) {
                checkOpen();
                backend.copy(vi.mem, buffers[schedule.inputBuffer()], n);
                run();
                backend.copy(buffers[schedule.outputBuffer()], vo.mem, n);
            }
            return;
        }
        NetworkEvaluator.super.apply(in, out);
    }

    /** Waits until every launched evaluation has finished (for timing {@link #apply(Vector, Vector)}). */
    public void finish() {
        synchronized (backend.lock()) {
            checkOpen();
            backend.finish();
        }
    }

    private void run() {
        for (int s = 0; s < kernels.length; s++) {
            backend.launch2d(kernels[s], items[s], rows[s], local[s]);
        }
    }

    private void checkOpen() {
        backend.checkOpen();
        if (closed) {
            throw new IllegalStateException("this OpenClConvNet is closed");
        }
    }

    @Override
    public void close() {
        synchronized (backend.lock()) {
            if (closed) {
                return;
            }
            closed = true;
            release(program, params);
        }
    }

    private void release(cl_program prog, cl_mem pm) {
        for (cl_kernel k : kernels) {
            if (k != null) {
                try {
                    clReleaseKernel(k);
                } catch (RuntimeException ignored) {
                    // the context is gone already
                }
            }
        }
        OpenClBackend.release(buffers);
        OpenClBackend.release(pm);
        if (prog != null) {
            try {
                clReleaseProgram(prog);
            } catch (RuntimeException ignored) {
                // the context is gone already
            }
        }
    }

    @Override
    public String toString() {
        return "OpenClConvNet[" + grid() + ", " + backend.spec() + "]";
    }
}
