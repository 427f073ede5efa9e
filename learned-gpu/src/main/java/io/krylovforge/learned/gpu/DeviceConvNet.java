package io.krylovforge.learned.gpu;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.DeviceBuffer;
import io.krylovforge.gpu.DeviceKernel;
import io.krylovforge.gpu.DeviceRuntime;
import io.krylovforge.gpu.DeviceVector;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.NetworkEvaluator;
import java.util.List;

/**
 * A DCDM {@link ConvNet} evaluated on a device (kernels in {@code convnet.c}, one source for
 * CUDA and OpenCL), giving {@link ConvNet#forward}'s results to rounding (the tests hold it to
 * 1e-10 relative).
 *
 * <p>Set-up does all the work that does not depend on the input: the parameters are uploaded
 * once, the activation buffers of the {@link ConvNetSchedule} allocated once, and one kernel per
 * layer is made with all its arguments set; an evaluation then only launches one kernel per layer
 * (plus the input and output copies), allocating nothing. Convolutions run one thread per output
 * cell and 16 output channels, every input value loaded once for all of them; the weights,
 * reordered by the schedule so that those 16 are contiguous, come as 16-byte vector loads through
 * the cache, a broadcast within a group (one conv layer of 16×16×27 doubles is 55 KB, at the
 * 64 KB constant-memory limit).
 *
 * <p>The parameters are copied at construction: later changes to the net (training) are not
 * seen. A failure during set-up releases what was made; {@link #close()} releases the device
 * memory (the backend must still be open). Launches hold the runtime's lock, so one evaluation
 * runs at a time per backend.
 */
public final class DeviceConvNet implements NetworkEvaluator {
    private final KernelBackend backend;
    private final DeviceRuntime rt;
    private final ConvNetSchedule schedule;
    private final DeviceKernel[] kernels;
    private final long[] items;
    private final int[] rows;
    private final DeviceBuffer[] buffers;
    private DeviceBuffer params;
    private final int n;
    private boolean closed;

    /**
     * Makes the kernels, uploads the parameters and allocates the activations for {@code grid}.
     *
     * @throws IllegalArgumentException     when the net's dimension does not match the grid
     * @throws io.krylovforge.gpu.DeviceOutOfMemoryException when the activations do not fit
     */
    public DeviceConvNet(KernelBackend backend, ConvNet net, Grid grid) {
        this.backend = backend;
        this.rt = backend.runtime();
        this.schedule = new ConvNetSchedule(net, grid);
        this.n = grid.size();
        List<ConvNetSchedule.Step> steps = schedule.steps();
        kernels = new DeviceKernel[steps.size()];
        items = new long[steps.size()];
        rows = new int[steps.size()];
        long[] lengths = schedule.bufferLengths();
        buffers = new DeviceBuffer[lengths.length];
        try {
            double[] p = schedule.parameters();
            params = rt.upload(p, p.length);
            for (int b = 0; b < lengths.length; b++) {
                buffers[b] = rt.allocate(lengths[b] * Double.BYTES);
            }
            for (int s = 0; s < steps.size(); s++) {
                makeKernel(s, steps.get(s));
            }
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    private DeviceKernel kernel(String name) {
        return rt.kernel(DeviceConvNet.class, "convnet", name);
    }

    private void makeKernel(int s, ConvNetSchedule.Step st) {
        DeviceBuffer in = buffers[st.in()];
        DeviceBuffer out = buffers[st.out()];
        DeviceBuffer add = st.add() >= 0 ? buffers[st.add()] : out; // not read when has_add = 0
        int hasAdd = st.add() >= 0 ? 1 : 0;
        DeviceKernel k;
        switch (st.op()) {
            case CONV -> {
                k = kernels[s] = kernel("kf_conv");
                int cop = ConvNetSchedule.padChannels(st.outCh());
                k.set(0, st.nx()).set(1, st.ny()).set(2, st.nz()).set(3, schedule.kernelDepth()).set(4, st.inCh())
                        .set(5, st.outCh()).set(6, cop).set(7, in).set(8, params).set(9, st.wOff()).set(10, st.bOff())
                        .set(11, add).set(12, hasAdd).set(13, st.relu() ? 1 : 0).set(14, out);
                items[s] = st.cells();
                rows[s] = cop / ConvNetSchedule.CONV_BLOCK;
            }
            case POOL, UPSAMPLE -> {
                boolean pool = st.op() == ConvNetSchedule.Op.POOL;
                k = kernels[s] = kernel(pool ? "kf_avgpool" : "kf_upsample");
                k.set(0, st.nx()).set(1, st.ny()).set(2, st.nz()).set(3, schedule.poolZ()).set(4, in).set(5, add)
                        .set(6, hasAdd).set(7, out);
                items[s] = pool ? (long) ((st.nx() + 1) / 2) * ((st.ny() + 1) / 2)
                        * ((st.nz() + schedule.poolZ() - 1) / schedule.poolZ()) : st.cells();
                rows[s] = st.outCh();
            }
            case DENSE -> {
                k = kernels[s] = kernel("kf_dense");
                k.set(0, st.cells()).set(1, st.inCh()).set(2, in).set(3, params).set(4, st.wOff()).set(5, st.bOff())
                        .set(6, add).set(7, hasAdd).set(8, out);
                items[s] = st.cells();
                rows[s] = st.outCh();
            }
            default -> throw new IllegalStateException("internal: op " + st.op());
        }
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
        synchronized (rt.lock()) {
            checkOpen();
            rt.write(buffers[schedule.inputBuffer()], in, n); // host -> device
            run();
            rt.read(buffers[schedule.outputBuffer()], out, n); // device -> host (blocking)
        }
    }

    /** Device vectors of this backend stay on the device (two device copies); others go through the host. */
    @Override
    public void apply(Vector in, Vector out) {
        if (in instanceof DeviceVector vi && vi.backend() == backend && out instanceof DeviceVector vo
                && vo.backend() == backend) {
            if (vi.size() != n || vo.size() != n) {
                throw new DimensionMismatchException("network input has " + vi.size() + " and output " + vo.size()
                        + " entries; the grid " + grid() + " has " + n);
            }
            synchronized (rt.lock()) {
                checkOpen();
                rt.copy(vi.buffer(), buffers[schedule.inputBuffer()], n);
                run();
                rt.copy(buffers[schedule.outputBuffer()], vo.buffer(), n);
            }
            return;
        }
        NetworkEvaluator.super.apply(in, out);
    }

    /** Waits until every launched evaluation has finished (for timing {@link #apply(Vector, Vector)}). */
    public void finish() {
        synchronized (rt.lock()) {
            checkOpen();
            rt.synchronize();
        }
    }

    private void run() {
        for (int s = 0; s < kernels.length; s++) {
            rt.launch(kernels[s], items[s], rows[s]);
        }
    }

    private void checkOpen() {
        rt.checkOpen();
        if (closed) {
            throw new IllegalStateException("this DeviceConvNet is closed");
        }
    }

    @Override
    public void close() {
        synchronized (rt.lock()) {
            if (closed) {
                return;
            }
            closed = true;
            release();
        }
    }

    private void release() {
        rt.release(kernels);
        rt.release(buffers);
        rt.release(params);
    }

    @Override
    public String toString() {
        return "DeviceConvNet[" + grid() + ", " + backend.spec() + "]";
    }
}
