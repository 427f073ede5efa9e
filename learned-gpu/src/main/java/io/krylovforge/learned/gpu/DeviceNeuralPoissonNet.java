package io.krylovforge.learned.gpu;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.DeviceBuffer;
import io.krylovforge.gpu.DeviceKernel;
import io.krylovforge.gpu.DeviceRuntime;
import io.krylovforge.gpu.DeviceVector;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import java.util.Objects;

/**
 * The neural Poisson step's network ({@link NeuralPoissonNet#forward}) on a device (kernels in
 * {@code npsolver.c}, one source for CUDA and OpenCL), following the {@link NeuralPoissonPlan}:
 * CSR products with A, Pᵀ and P, the per-node MLP smoother, the RMS of D⁻¹r by the runtime's
 * deterministic two-stage reduction, and the coarse Cholesky solve on the host (n_c doubles down
 * and up per block; see the plan for why). Results equal the host's to rounding (tests: 1e-10
 * relative).
 *
 * <p>Set-up makes the kernels and uploads the weights (a copy: later training is not seen). The
 * first prediction for a {@link TwoLevelSystem} uploads its arrays, allocates its work vectors and
 * sets every fixed kernel argument; further predictions for the same system object allocate
 * nothing. A forward is 12 launches per block and one blocking read per smoother stage (the RMS)
 * and per coarse solve. A failure during set-up or binding releases what it made. Launches hold
 * the runtime's lock; {@link #close()} releases the device memory (the backend must still be open).
 */
public final class DeviceNeuralPoissonNet implements NeuralPoissonEvaluator {
    private final KernelBackend backend;
    private final DeviceRuntime rt;
    private final NeuralPoissonNet net;
    private final DeviceKernel[] kernels = new DeviceKernel[8];
    private DeviceBuffer params;
    private boolean closed;
    // per system: the last one seen
    private TwoLevelSystem system;
    private NeuralPoissonPlan plan;
    private DeviceBuffer[] buffers = new DeviceBuffer[0];
    private double[] coarse;
    private DeviceBuffer coarseMem;
    private DeviceBuffer uMem;

    private static final int RESIDUAL_Z = 0;
    private static final int RESIDUAL_R = 1;
    private static final int SCALED_SPMV = 2;
    private static final int RESTRICT = 3;
    private static final int PROLONG = 4;
    private static final int SMOOTH = 5;
    private static final int ZERO = 6;
    private static final int DOT = 7;

    /** Makes the kernels and uploads {@code net}'s weights (copied). */
    public DeviceNeuralPoissonNet(KernelBackend backend, NeuralPoissonNet net) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.rt = backend.runtime();
        this.net = Objects.requireNonNull(net, "net").copy();
        try {
            double[] p = this.net.parameters();
            params = rt.upload(p, p.length);
            String[] names = {"kf_np_residual", "kf_np_residual", "kf_np_scaled_spmv", "kf_np_spmv",
                "kf_np_prolong_add", "kf_np_smooth", "kf_np_zero"};
            for (int k = 0; k < names.length; k++) {
                kernels[k] = rt.kernel(DeviceNeuralPoissonNet.class, "npsolver", names[k]);
            }
            kernels[DOT] = rt.kernel(DeviceRuntime.class, "kernels/vector", "kf_dot");
        } catch (RuntimeException e) {
            rt.release(kernels);
            rt.release(params);
            throw e;
        }
    }

    @Override
    public NeuralPoissonNet net() {
        return net;
    }

    @Override
    public String device() {
        return backend.description();
    }

    /** The plan of the last system predicted for (null before the first prediction). */
    public NeuralPoissonPlan plan() {
        synchronized (rt.lock()) {
            return plan;
        }
    }

    @Override
    public void predict(TwoLevelSystem sys, double[] u) {
        NeuralPoissonEvaluator.checkOutput(sys, u);
        synchronized (rt.lock()) {
            checkOpen();
            bind(sys);
            run(sys);
            rt.read(uMem, u, u.length); // device -> host (blocking)
        }
    }

    /** Vectors of this backend receive û by a device copy; others go through the host. */
    @Override
    public void predict(TwoLevelSystem sys, Vector u) {
        if (u instanceof DeviceVector v && v.backend() == backend) {
            if (v.size() != sys.size()) {
                throw new DimensionMismatchException("prediction vector has " + v.size()
                        + " entries, the system has " + sys.size() + " unknowns");
            }
            synchronized (rt.lock()) {
                checkOpen();
                bind(sys);
                run(sys);
                rt.copy(uMem, v.buffer(), v.size()); // stays on the device
            }
            return;
        }
        NeuralPoissonEvaluator.super.predict(sys, u);
    }

    /** Waits for every launch (for timing). */
    public void finish() {
        synchronized (rt.lock()) {
            checkOpen();
            rt.synchronize();
        }
    }

    /** Uploads the system's arrays and sets the fixed kernel arguments, unless it is the last one. */
    private void bind(TwoLevelSystem sys) {
        if (sys == system) {
            return;
        }
        releaseSystem();
        NeuralPoissonPlan pl = new NeuralPoissonPlan(net, sys);
        int n = pl.size();
        int nc = pl.coarseSize();
        DeviceBuffer[] m = new DeviceBuffer[16];
        buffers = m; // released with the system
        try {
            m[0] = rt.upload(pl.aPtr(), n + 1);
            m[1] = rt.upload(pl.aCol(), pl.aPtr()[n]);
            m[2] = rt.upload(pl.aVal(), pl.aPtr()[n]);
            m[3] = rt.upload(pl.b(), n);
            m[4] = rt.upload(pl.invDiag(), n);
            m[5] = rt.upload(pl.pPtr(), n + 1);
            m[6] = rt.upload(pl.pCol(), pl.pPtr()[n]);
            m[7] = rt.upload(pl.pVal(), pl.pPtr()[n]);
            m[8] = rt.upload(pl.rPtr(), nc + 1);
            m[9] = rt.upload(pl.rCol(), pl.rPtr()[nc]);
            m[10] = rt.upload(pl.rVal(), pl.rPtr()[nc]);
            for (int i = 11; i < 15; i++) {
                m[i] = rt.allocate((long) n * Double.BYTES); // u, z, y, r
            }
            m[15] = rt.allocate((long) nc * Double.BYTES); // coarse
        } catch (RuntimeException ex) {
            releaseSystem(); // a failed upload keeps nothing
            throw ex;
        }
        DeviceBuffer aPtr = m[0], aCol = m[1], aVal = m[2], b = m[3], dinv = m[4];
        DeviceBuffer u = m[11], z = m[12], y = m[13], r = m[14], e = m[15];
        args(kernels[RESIDUAL_Z], n, aPtr, aCol, aVal, b, u, dinv, 1, z); // z = D⁻¹(b − A u)
        args(kernels[RESIDUAL_R], n, aPtr, aCol, aVal, b, u, dinv, 0, r); // r = b − A u
        args(kernels[SCALED_SPMV], n, aPtr, aCol, aVal, dinv, z, y);      // y = D⁻¹ A z
        args(kernels[RESTRICT], nc, m[8], m[9], m[10], r, e);             // e = Pᵀ r
        args(kernels[PROLONG], n, m[5], m[6], m[7], e, u);                // u += P e
        args(kernels[SMOOTH], n, pl.hidden(), params, 0, 0.0, z, y, u);   // off and s set per stage
        args(kernels[ZERO], n, u);
        args(kernels[DOT], n, z, z);                                      // zᵀz
        this.uMem = u;
        this.coarseMem = e;
        this.coarse = new double[nc];
        this.plan = pl;
        this.system = sys;
    }

    // Set-up only (boxing here is once per system, never per launch).
    private static void args(DeviceKernel k, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Integer iv) {
                k.set(i, iv);
            } else if (v instanceof Double dv) {
                k.set(i, dv);
            } else {
                k.set(i, (DeviceBuffer) v);
            }
        }
    }

    /** One forward: the launch sequence of {@link NeuralPoissonPlan}. */
    private void run(TwoLevelSystem sys) {
        int n = plan.size();
        int nc = plan.coarseSize();
        rt.launch(kernels[ZERO], n); // u = 0
        for (int l = 0; l < net.blocks(); l++) {
            stage(2 * l, n);
            rt.launch(kernels[RESIDUAL_R], n);      // r = b − A u
            rt.launch(kernels[RESTRICT], nc);       // e = Pᵀ r
            rt.read(coarseMem, coarse, nc);         // blocking
            sys.coarseSolve(coarse);                // e ← A_c⁻¹ e on the host
            rt.write(coarseMem, coarse, nc);
            rt.launch(kernels[PROLONG], n);         // u += P e
            stage(2 * l + 1, n);
        }
    }

    private void stage(int stage, int n) {
        rt.launch(kernels[RESIDUAL_Z], n);      // z = D⁻¹(b − A u)
        rt.launch(kernels[SCALED_SPMV], n);     // y = D⁻¹ A z
        double ss = rt.reduce(kernels[DOT], 3, n); // zᵀz
        double s = Math.sqrt(ss / n);
        if (!(s > 0)) {
            return; // exact already (as on the host)
        }
        kernels[SMOOTH].set(3, plan.stageOffset(stage)).set(4, s);
        rt.launch(kernels[SMOOTH], n);          // u += s δ(z/s, y/s)
    }

    private void checkOpen() {
        rt.checkOpen();
        if (closed) {
            throw new IllegalStateException("this DeviceNeuralPoissonNet is closed");
        }
    }

    private void releaseSystem() {
        rt.release(buffers);
        buffers = new DeviceBuffer[0];
        system = null;
        plan = null;
    }

    @Override
    public void close() {
        synchronized (rt.lock()) {
            if (closed) {
                return;
            }
            closed = true;
            releaseSystem();
            rt.release(kernels);
            rt.release(params);
        }
    }

    @Override
    public String toString() {
        return "DeviceNeuralPoissonNet[" + net.blocks() + " blocks, width " + net.hidden() + ", "
                + backend.spec() + "]";
    }
}
