package io.krylovforge.gpu.cuda;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.ConvNetSchedule;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.NetworkEvaluator;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * A DCDM {@link ConvNet} evaluated on a CUDA device (kernels in {@code convnet.cu}, committed as
 * {@code convnet.ptx}), giving {@link ConvNet#forward}'s results to rounding (the tests hold it
 * to 1e-10 relative). The CUDA twin of {@code OpenClConvNet}, built from the same
 * {@link ConvNetSchedule}.
 *
 * <p>Set-up uploads the parameters once, allocates the schedule's activation buffers once and
 * builds every launch's kernel-parameter block once (the arguments of a layer never change for
 * one grid); an evaluation is one {@code cuLaunchKernel} per layer plus the input and output
 * copies, and allocates nothing. Convolutions: one thread per output cell and 16 output
 * channels, blocks of {@value CudaBackend#BLOCK} threads; the weights, reordered by the schedule
 * so that those 16 are contiguous, come as 16-byte loads through the read-only cache
 * ({@code __ldg}), each a broadcast within a warp (66 registers, no spills, on sm_90).
 *
 * <p>The parameters are copied at construction. {@link #close()} frees the device memory and
 * unloads the module; the backend must still be open. Launches hold the backend's lock.
 */
public final class CudaConvNet implements NetworkEvaluator {
    /** Output channels per thread of kf_conv; must match KF_COB in convnet.cu. */
    static final int COB = ConvNetSchedule.CONV_BLOCK;

    private final CudaBackend backend;
    private final ConvNetSchedule schedule;
    private CUmodule module;
    private final CUfunction[] functions;
    private final Pointer[] args;
    private final int[] blocksX;
    private final int[] blocksY;
    private final CUdeviceptr[] buffers;
    private CUdeviceptr params;
    private final int n;
    private final long bytes;
    private boolean closed;

    /**
     * Loads the module, uploads the parameters and allocates the activations for {@code grid}.
     *
     * @throws IllegalArgumentException     when the net's dimension does not match the grid
     * @throws io.krylovforge.gpu.DeviceOutOfMemoryException when the activations do not fit
     * @throws io.krylovforge.core.backend.BackendUnavailableException when the module does not load
     */
    public CudaConvNet(CudaBackend backend, ConvNet net, Grid grid) {
        this.backend = backend;
        this.schedule = new ConvNetSchedule(net, grid);
        this.n = grid.size();
        this.bytes = (long) n * Sizeof.DOUBLE;
        List<ConvNetSchedule.Step> steps = schedule.steps();
        functions = new CUfunction[steps.size()];
        args = new Pointer[steps.size()];
        blocksX = new int[steps.size()];
        blocksY = new int[steps.size()];
        long[] lengths = schedule.bufferLengths();
        buffers = new CUdeviceptr[lengths.length];
        double[] p = schedule.parameters();
        synchronized (backend.lock()) {
            try {
                CudaBackend.guard(() -> {
                    backend.bind();
                    module = new CUmodule();
                    CudaBackend.check(JCudaDriver.cuModuleLoadData(module, CudaBackend.loadPtx("convnet.ptx")), "cuModuleLoadData(convnet.ptx)");
                    return null;
                });
                params = backend.allocate((long) p.length * Sizeof.DOUBLE);
                CudaBackend.check(JCudaDriver.cuMemcpyHtoD(params, Pointer.to(p), (long) p.length * Sizeof.DOUBLE),
                        "cuMemcpyHtoD");
                for (int b = 0; b < lengths.length; b++) {
                    buffers[b] = backend.allocate(lengths[b] * Sizeof.DOUBLE);
                }
                CUfunction conv = function("kf_conv");
                CUfunction pool = function("kf_avgpool");
                CUfunction up = function("kf_upsample");
                CUfunction dense = function("kf_dense");
                for (int s = 0; s < steps.size(); s++) {
                    plan(s, steps.get(s), conv, pool, up, dense);
                }
            } catch (RuntimeException e) {
                freeAll();
                throw e;
            }
        }
    }

    private CUfunction function(String name) {
        return CudaBackend.function(module, name);
    }

    private static Pointer i(int v) {
        return Pointer.to(new int[] {v});
    }

    private void plan(int s, ConvNetSchedule.Step st, CUfunction conv, CUfunction pool, CUfunction up,
            CUfunction dense) {
        Pointer in = Pointer.to(buffers[st.in()]);
        Pointer out = Pointer.to(buffers[st.out()]);
        Pointer add = st.add() >= 0 ? Pointer.to(buffers[st.add()]) : out; // not read when has_add = 0
        Pointer hasAdd = i(st.add() >= 0 ? 1 : 0);
        Pointer w = Pointer.to(params);
        long cells;
        switch (st.op()) {
            case CONV -> {
                functions[s] = conv;
                int cop = ConvNetSchedule.padChannels(st.outCh());
                args[s] = Pointer.to(i(st.nx()), i(st.ny()), i(st.nz()), i(schedule.kernelDepth()), i(st.inCh()),
                        i(st.outCh()), i(cop), in, w, i(st.wOff()), i(st.bOff()), add, hasAdd,
                        i(st.relu() ? 1 : 0), out);
                cells = st.cells();
                blocksY[s] = cop / COB;
            }
            case POOL -> {
                functions[s] = pool;
                args[s] = Pointer.to(i(st.nx()), i(st.ny()), i(st.nz()), i(schedule.poolZ()), in, add, hasAdd, out);
                cells = (long) ((st.nx() + 1) / 2) * ((st.ny() + 1) / 2)
                        * ((st.nz() + schedule.poolZ() - 1) / schedule.poolZ());
                blocksY[s] = st.outCh();
            }
            case UPSAMPLE -> {
                functions[s] = up;
                args[s] = Pointer.to(i(st.nx()), i(st.ny()), i(st.nz()), i(schedule.poolZ()), in, add, hasAdd, out);
                cells = st.cells();
                blocksY[s] = st.outCh();
            }
            case DENSE -> {
                functions[s] = dense;
                args[s] = Pointer.to(i(st.cells()), i(st.inCh()), in, w, i(st.wOff()), i(st.bOff()), add, hasAdd,
                        out);
                cells = st.cells();
                blocksY[s] = st.outCh();
            }
            default -> throw new IllegalStateException("internal: op " + st.op());
        }
        blocksX[s] = (int) ((cells + CudaBackend.BLOCK - 1) / CudaBackend.BLOCK);
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
            bind();
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(buffers[schedule.inputBuffer()], Pointer.to(in), bytes),
                    "cuMemcpyHtoD");
            run();
            CudaBackend.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), buffers[schedule.outputBuffer()], bytes),
                    "cuMemcpyDtoH");
        }
    }

    /** Device vectors of this backend stay on the device (two device copies); others go through the host. */
    @Override
    public void apply(Vector in, Vector out) {
        if (in instanceof CudaVector vi && vi.backend == backend && out instanceof CudaVector vo
                && vo.backend == backend) {
            if (vi.n != n || vo.n != n) {
                throw new DimensionMismatchException("network input has " + vi.n + " and output " + vo.n
                        + " entries; the grid " + grid() + " has " + n);
            }
            synchronized (backend.lock()) {
                bind();
                CudaBackend.check(JCudaDriver.cuMemcpyDtoD(buffers[schedule.inputBuffer()], vi.mem, bytes),
                        "cuMemcpyDtoD");
                run();
                CudaBackend.check(JCudaDriver.cuMemcpyDtoD(vo.mem, buffers[schedule.outputBuffer()], bytes),
                        "cuMemcpyDtoD");
            }
            return;
        }
        NetworkEvaluator.super.apply(in, out);
    }

    /** Waits until every launched evaluation has finished (for timing {@link #apply(Vector, Vector)}). */
    public void finish() {
        synchronized (backend.lock()) {
            bind();
            CudaBackend.check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
        }
    }

    private void run() {
        for (int s = 0; s < functions.length; s++) {
            CudaBackend.check(JCudaDriver.cuLaunchKernel(functions[s], blocksX[s], blocksY[s], 1,
                    CudaBackend.BLOCK, 1, 1, 0, null, args[s], null), "cuLaunchKernel");
        }
    }

    private void bind() {
        if (closed) {
            throw new IllegalStateException("this CudaConvNet is closed");
        }
        backend.bind();
    }

    @Override
    public void close() {
        synchronized (backend.lock()) {
            if (closed) {
                return;
            }
            closed = true;
            freeAll();
        }
    }

    /** Frees what was allocated (nulls skipped; nothing to do once the backend is closed). */
    private void freeAll() {
        try {
            backend.bind();
        } catch (RuntimeException closedBackend) {
            return; // cuCtxDestroy freed everything of the context
        }
        for (CUdeviceptr b : buffers) {
            if (b != null) {
                JCudaDriver.cuMemFree(b);
            }
        }
        if (params != null) {
            JCudaDriver.cuMemFree(params);
        }
        if (module != null) {
            JCudaDriver.cuModuleUnload(module);
        }
    }

    @Override
    public String toString() {
        return "CudaConvNet[" + grid() + ", " + backend.spec() + "]";
    }
}
