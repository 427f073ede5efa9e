package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import io.krylovforge.gpu.NeuralPoissonPlan;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import java.util.Objects;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The neural Poisson step's network ({@link NeuralPoissonNet#forward}) on an OpenCL device
 * (kernels in {@code npsolver.cl}), following the {@link NeuralPoissonPlan}: CSR products with A,
 * Pᵀ and P, the per-node MLP smoother, the RMS of D⁻¹r by the backend's deterministic two-stage
 * reduction, and the coarse Cholesky solve on the host (n_c doubles down and up per block; see
 * the plan for why). Results equal the host's to rounding (tests: 1e-10 relative).
 *
 * <p>Set-up builds the program and uploads the weights (a copy: later training is not seen).
 * The first prediction for a {@link TwoLevelSystem} uploads its arrays and allocates its work
 * vectors and sets every fixed kernel argument; further predictions for the same system
 * object allocate nothing. A forward is 12 launches per block and one blocking read per smoother
 * stage (the RMS) and per coarse solve. Launches hold the backend's lock; {@link #close()}
 * releases the device memory (the backend must still be open).
 */
public final class OpenClNeuralPoissonNet implements NeuralPoissonEvaluator {
    private final OpenClBackend backend;
    private final NeuralPoissonNet net;
    private final cl_program program;
    private final cl_kernel kResidualZ;
    private final cl_kernel kResidualR;
    private final cl_kernel kScaledSpmv;
    private final cl_kernel kRestrict;
    private final cl_kernel kProlong;
    private final cl_kernel kSmooth;
    private final cl_kernel kZero;
    private final cl_mem params;
    private final int local;
    private boolean closed;
    // per system: the last one seen
    private TwoLevelSystem system;
    private NeuralPoissonPlan plan;
    private cl_mem[] mems = new cl_mem[0];
    private Pointer zPtr;
    private double[] coarse;
    private cl_mem coarseMem;
    private cl_mem uMem;

    /** Builds the kernels and uploads {@code net}'s weights (copied). */
    public OpenClNeuralPoissonNet(OpenClBackend backend, NeuralPoissonNet net) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.net = Objects.requireNonNull(net, "net").copy();
        cl_program prog = null;
        cl_mem pm = null;
        cl_kernel[] ks = new cl_kernel[7];
        try {
            prog = OpenClBackend.guard(() -> backend.buildProgram("npsolver.cl", ""));
            double[] p = this.net.parameters();
            pm = backend.uploadDoubles(p, p.length);
            ks[0] = clCreateKernel(prog, "kf_np_residual", null);
            ks[1] = clCreateKernel(prog, "kf_np_residual", null);
            ks[2] = clCreateKernel(prog, "kf_np_scaled_spmv", null);
            ks[3] = clCreateKernel(prog, "kf_np_spmv", null);
            ks[4] = clCreateKernel(prog, "kf_np_prolong_add", null);
            ks[5] = clCreateKernel(prog, "kf_np_smooth", null);
            ks[6] = clCreateKernel(prog, "kf_np_zero", null);
        } catch (RuntimeException e) {
            releaseKernels(ks);
            OpenClBackend.release(pm);
            releaseProgram(prog);
            throw e;
        }
        this.program = prog;
        this.params = pm;
        kResidualZ = ks[0];
        kResidualR = ks[1];
        kScaledSpmv = ks[2];
        kRestrict = ks[3];
        kProlong = ks[4];
        kSmooth = ks[5];
        kZero = ks[6];
        int l = backend.groupSize();
        for (cl_kernel k : ks) {
            l = Math.min(l, backend.groupSizeFor(k));
        }
        this.local = l;
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
        synchronized (backend.lock()) {
            return plan;
        }
    }

    @Override
    public void predict(TwoLevelSystem sys, double[] u) {
        NeuralPoissonEvaluator.checkOutput(sys, u);
        synchronized (backend.lock()) {
            checkOpen();
            bind(sys);
            run(sys);
            backend.read(uMem, u); // device -> host (blocking)
        }
    }

    /** Vectors of this backend receive û by a device copy; others go through the host. */
    @Override
    public void predict(TwoLevelSystem sys, io.krylovforge.core.linalg.Vector u) {
        if (u instanceof OpenClVector v && v.backend == backend) {
            if (v.n != sys.size()) {
                throw new io.krylovforge.core.linalg.DimensionMismatchException("prediction vector has " + v.n
                        + " entries, the system has " + sys.size() + " unknowns");
            }
            synchronized (backend.lock()) {
                checkOpen();
                bind(sys);
                run(sys);
                backend.copy(uMem, v.mem, v.n); // stays on the device
            }
            return;
        }
        NeuralPoissonEvaluator.super.predict(sys, u);
    }

    /** Waits for every enqueued launch (for timing). */
    public void finish() {
        synchronized (backend.lock()) {
            checkOpen();
            backend.finish();
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
        cl_mem[] m = new cl_mem[16];
        mems = m;
        m[0] = backend.uploadInts(pl.aPtr(), n + 1);
        m[1] = backend.uploadInts(pl.aCol(), pl.aPtr()[n]);
        m[2] = backend.uploadDoubles(pl.aVal(), pl.aPtr()[n]);
        m[3] = backend.uploadDoubles(pl.b(), n);
        m[4] = backend.uploadDoubles(pl.invDiag(), n);
        m[5] = backend.uploadInts(pl.pPtr(), n + 1);
        m[6] = backend.uploadInts(pl.pCol(), pl.pPtr()[n]);
        m[7] = backend.uploadDoubles(pl.pVal(), pl.pPtr()[n]);
        m[8] = backend.uploadInts(pl.rPtr(), nc + 1);
        m[9] = backend.uploadInts(pl.rCol(), pl.rPtr()[nc]);
        m[10] = backend.uploadDoubles(pl.rVal(), pl.rPtr()[nc]);
        m[11] = backend.allocate((long) n * Sizeof.cl_double, CL_MEM_READ_WRITE, null); // u
        m[12] = backend.allocate((long) n * Sizeof.cl_double, CL_MEM_READ_WRITE, null); // z
        m[13] = backend.allocate((long) n * Sizeof.cl_double, CL_MEM_READ_WRITE, null); // y
        m[14] = backend.allocate((long) n * Sizeof.cl_double, CL_MEM_READ_WRITE, null); // r
        m[15] = backend.allocate((long) nc * Sizeof.cl_double, CL_MEM_READ_WRITE, null); // coarse
        cl_mem aPtr = m[0], aCol = m[1], aVal = m[2], b = m[3], dinv = m[4];
        cl_mem u = m[11], z = m[12], y = m[13], r = m[14], e = m[15];
        args(kResidualZ, n, aPtr, aCol, aVal, b, u, dinv, 1, z);       // z = D⁻¹(b − A u)
        args(kResidualR, n, aPtr, aCol, aVal, b, u, dinv, 0, r);       // r = b − A u
        args(kScaledSpmv, n, aPtr, aCol, aVal, dinv, z, y);            // y = D⁻¹ A z
        args(kRestrict, nc, m[8], m[9], m[10], r, e);                  // e = Pᵀ r
        args(kProlong, n, m[5], m[6], m[7], e, u);                     // u += P e
        args(kSmooth, n, pl.hidden(), params, 0, 0.0, z, y, u);        // off and s set per stage
        args(kZero, n, u);
        this.zPtr = Pointer.to(z);
        this.uMem = u;
        this.coarseMem = e;
        this.coarse = new double[nc];
        this.plan = pl;
        this.system = sys;
    }

    private static void args(cl_kernel k, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Integer iv) {
                CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {iv}));
            } else if (v instanceof Double dv) {
                CL.clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {dv}));
            } else {
                CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to((cl_mem) v));
            }
        }
    }

    /** One forward: the launch sequence of {@link NeuralPoissonPlan}. */
    private void run(TwoLevelSystem sys) {
        int n = plan.size();
        int nc = plan.coarseSize();
        backend.launch(kZero, n, local); // u = 0
        for (int l = 0; l < net.blocks(); l++) {
            stage(2 * l, n);
            backend.launch(kResidualR, n, local);        // r = b − A u
            backend.launch(kRestrict, nc, local);        // e = Pᵀ r
            backend.read(coarseMem, coarse);             // blocking
            sys.coarseSolve(coarse);                     // e ← A_c⁻¹ e on the host
            backend.write(coarseMem, coarse);
            backend.launch(kProlong, n, local);          // u += P e
            stage(2 * l + 1, n);
        }
    }

    private void stage(int stage, int n) {
        backend.launch(kResidualZ, n, local);   // z = D⁻¹(b − A u)
        backend.launch(kScaledSpmv, n, local);  // y = D⁻¹ A z
        backend.setInt(backend.kDot, 0, n);
        backend.setMem(backend.kDot, 1, zPtr);
        backend.setMem(backend.kDot, 2, zPtr);
        double ss = backend.reduce(backend.kDot, 3, n); // zᵀz
        double s = Math.sqrt(ss / n);
        if (!(s > 0)) {
            return; // exact already (as on the host)
        }
        backend.setInt(kSmooth, 3, plan.stageOffset(stage));
        backend.setDouble(kSmooth, 4, s);
        backend.launch(kSmooth, n, local);      // u += s δ(z/s, y/s)
    }

    private void checkOpen() {
        backend.checkOpen();
        if (closed) {
            throw new IllegalStateException("this OpenClNeuralPoissonNet is closed");
        }
    }

    private void releaseSystem() {
        OpenClBackend.release(mems);
        mems = new cl_mem[0];
        system = null;
        plan = null;
    }

    @Override
    public void close() {
        synchronized (backend.lock()) {
            if (closed) {
                return;
            }
            closed = true;
            releaseSystem();
            releaseKernels(new cl_kernel[] {kResidualZ, kResidualR, kScaledSpmv, kRestrict, kProlong, kSmooth, kZero});
            OpenClBackend.release(params);
            releaseProgram(program);
        }
    }

    private static void releaseKernels(cl_kernel[] ks) {
        for (cl_kernel k : ks) {
            if (k != null) {
                try {
                    clReleaseKernel(k);
                } catch (RuntimeException ignored) {
                    // the context is gone already
                }
            }
        }
    }

    private static void releaseProgram(cl_program p) {
        if (p != null) {
            try {
                clReleaseProgram(p);
            } catch (RuntimeException ignored) {
                // the context is gone already
            }
        }
    }

    @Override
    public String toString() {
        return "OpenClNeuralPoissonNet[" + net.blocks() + " blocks, width " + net.hidden() + ", " + backend.spec()
                + "]";
    }
}
