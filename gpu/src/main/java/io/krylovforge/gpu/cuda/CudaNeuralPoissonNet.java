package io.krylovforge.gpu.cuda;

import io.krylovforge.gpu.NeuralPoissonPlan;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import java.util.Objects;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The neural Poisson step's network ({@link NeuralPoissonNet#forward}) on a CUDA device (kernels
 * in {@code npsolver.cu}, committed as {@code npsolver.ptx}): the CUDA twin of
 * {@code OpenClNeuralPoissonNet}, built from the same {@link NeuralPoissonPlan}. CSR products with
 * A, Pᵀ and P, the per-node MLP smoother, the RMS of D⁻¹r by the backend's deterministic
 * two-stage reduction, and the coarse Cholesky solve on the host (n_c doubles down and up per
 * block; see the plan for why). Results equal the host's to rounding (tests: 1e-10 relative).
 *
 * <p>Set-up loads the module and uploads the weights (a copy). The first prediction for a
 * {@link TwoLevelSystem} uploads its arrays, allocates its work vectors and builds every
 * launch's parameter block; further predictions for the same system object allocate nothing
 * (the stage offset and scale live in holders read at launch). {@link #close()} frees the device
 * memory and unloads the module; the backend must still be open. Launches hold the backend's lock.
 */
public final class CudaNeuralPoissonNet implements NeuralPoissonEvaluator {
    private final CudaBackend backend;
    private final NeuralPoissonNet net;
    private CUmodule module;
    private CUfunction fResidual;
    private CUfunction fScaledSpmv;
    private CUfunction fSpmv;
    private CUfunction fProlong;
    private CUfunction fSmooth;
    private CUfunction fZero;
    private CUdeviceptr params;
    private boolean closed;
    // scalar holders read by cuLaunchKernel at the call
    private final int[] stageOff = new int[1];
    private final double[] scale = new double[1];
    // per system: the last one seen
    private TwoLevelSystem system;
    private NeuralPoissonPlan plan;
    private CUdeviceptr[] mems = new CUdeviceptr[0];
    private Pointer argResidualZ;
    private Pointer argResidualR;
    private Pointer argScaledSpmv;
    private Pointer argRestrict;
    private Pointer argProlong;
    private Pointer argSmooth;
    private Pointer argZero;
    private Pointer zArg;
    private double[] coarse;
    private Pointer coarseHost;
    private CUdeviceptr coarseMem;
    private CUdeviceptr uMem;

    /**
     * Loads the module and uploads {@code net}'s weights (copied).
     *
     * @throws io.krylovforge.core.backend.BackendUnavailableException when the module does not load
     */
    public CudaNeuralPoissonNet(CudaBackend backend, NeuralPoissonNet net) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.net = Objects.requireNonNull(net, "net").copy();
        double[] p = this.net.parameters();
        synchronized (backend.lock()) {
            try {
                CudaBackend.guard(() -> {
                    backend.bind();
                    module = new CUmodule();
                    CudaBackend.check(JCudaDriver.cuModuleLoadData(module, CudaBackend.loadPtx("npsolver.ptx")),
                            "cuModuleLoadData(npsolver.ptx)");
                    return null;
                });
                fResidual = function("kf_np_residual");
                fScaledSpmv = function("kf_np_scaled_spmv");
                fSpmv = function("kf_np_spmv");
                fProlong = function("kf_np_prolong_add");
                fSmooth = function("kf_np_smooth");
                fZero = function("kf_np_zero");
                params = upload(p, p.length);
            } catch (RuntimeException e) {
                freeAll();
                throw e;
            }
        }
    }

    private CUfunction function(String name) {
        return CudaBackend.function(module, name);
    }

    private CUdeviceptr upload(double[] v, int length) {
        CUdeviceptr d = backend.allocate((long) length * Sizeof.DOUBLE);
        if (length > 0) {
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(d, Pointer.to(v), (long) length * Sizeof.DOUBLE), "cuMemcpyHtoD");
        }
        return d;
    }

    private CUdeviceptr upload(int[] v, int length) {
        CUdeviceptr d = backend.allocate((long) length * Sizeof.INT);
        if (length > 0) {
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(d, Pointer.to(v), (long) length * Sizeof.INT), "cuMemcpyHtoD");
        }
        return d;
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
            bindBackend();
            bind(sys);
            run(sys);
            CudaBackend.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(u), uMem, (long) u.length * Sizeof.DOUBLE),
                    "cuMemcpyDtoH"); // device -> host
        }
    }

    /** Vectors of this backend receive û by a device copy; others go through the host. */
    @Override
    public void predict(TwoLevelSystem sys, io.krylovforge.core.linalg.Vector u) {
        if (u instanceof CudaVector v && v.backend == backend) {
            if (v.n != sys.size()) {
                throw new io.krylovforge.core.linalg.DimensionMismatchException("prediction vector has " + v.n
                        + " entries, the system has " + sys.size() + " unknowns");
            }
            synchronized (backend.lock()) {
                bindBackend();
                bind(sys);
                run(sys);
                CudaBackend.check(JCudaDriver.cuMemcpyDtoD(v.mem, uMem, (long) v.n * Sizeof.DOUBLE),
                        "cuMemcpyDtoD"); // stays on the device
            }
            return;
        }
        NeuralPoissonEvaluator.super.predict(sys, u);
    }

    /** Waits for every launch (for timing). */
    public void finish() {
        synchronized (backend.lock()) {
            bindBackend();
            CudaBackend.check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
        }
    }

    private void bindBackend() {
        if (closed) {
            throw new IllegalStateException("this CudaNeuralPoissonNet is closed");
        }
        backend.bind();
    }

    private static Pointer i(int v) {
        return Pointer.to(new int[] {v});
    }

    /** Uploads the system's arrays and builds the parameter blocks, unless it is the last one. */
    private void bind(TwoLevelSystem sys) {
        if (sys == system) {
            return;
        }
        releaseSystem();
        NeuralPoissonPlan pl = new NeuralPoissonPlan(net, sys);
        int n = pl.size();
        int nc = pl.coarseSize();
        CUdeviceptr[] m = new CUdeviceptr[16];
        mems = m;
        m[0] = upload(pl.aPtr(), n + 1);
        m[1] = upload(pl.aCol(), pl.aPtr()[n]);
        m[2] = upload(pl.aVal(), pl.aPtr()[n]);
        m[3] = upload(pl.b(), n);
        m[4] = upload(pl.invDiag(), n);
        m[5] = upload(pl.pPtr(), n + 1);
        m[6] = upload(pl.pCol(), pl.pPtr()[n]);
        m[7] = upload(pl.pVal(), pl.pPtr()[n]);
        m[8] = upload(pl.rPtr(), nc + 1);
        m[9] = upload(pl.rCol(), pl.rPtr()[nc]);
        m[10] = upload(pl.rVal(), pl.rPtr()[nc]);
        for (int k = 11; k < 15; k++) {
            m[k] = backend.allocate((long) n * Sizeof.DOUBLE); // u, z, y, r
        }
        m[15] = backend.allocate((long) nc * Sizeof.DOUBLE); // coarse
        Pointer[] a = new Pointer[16];
        for (int k = 0; k < 16; k++) {
            a[k] = Pointer.to(m[k]);
        }
        Pointer aPtr = a[0], aCol = a[1], aVal = a[2], b = a[3], dinv = a[4];
        Pointer u = a[11], z = a[12], y = a[13], r = a[14], e = a[15];
        argResidualZ = Pointer.to(i(n), aPtr, aCol, aVal, b, u, dinv, i(1), z);   // z = D⁻¹(b − A u)
        argResidualR = Pointer.to(i(n), aPtr, aCol, aVal, b, u, dinv, i(0), r);   // r = b − A u
        argScaledSpmv = Pointer.to(i(n), aPtr, aCol, aVal, dinv, z, y);           // y = D⁻¹ A z
        argRestrict = Pointer.to(i(nc), a[8], a[9], a[10], r, e);                 // e = Pᵀ r
        argProlong = Pointer.to(i(n), a[5], a[6], a[7], e, u);                    // u += P e
        argSmooth = Pointer.to(i(n), i(pl.hidden()), Pointer.to(params), Pointer.to(stageOff), Pointer.to(scale),
                z, y, u);
        argZero = Pointer.to(i(n), u);
        zArg = z;
        uMem = m[11];
        coarseMem = m[15];
        coarse = new double[nc];
        coarseHost = Pointer.to(coarse);
        plan = pl;
        system = sys;
    }

    private static void launch(CUfunction f, int items, Pointer args) {
        int blocks = Math.max(1, (items + CudaBackend.BLOCK - 1) / CudaBackend.BLOCK);
        CudaBackend.check(JCudaDriver.cuLaunchKernel(f, blocks, 1, 1, CudaBackend.BLOCK, 1, 1, 0, null, args, null),
                "cuLaunchKernel");
    }

    /** One forward: the launch sequence of {@link NeuralPoissonPlan}. */
    private void run(TwoLevelSystem sys) {
        int n = plan.size();
        int nc = plan.coarseSize();
        long coarseBytes = (long) nc * Sizeof.DOUBLE;
        launch(fZero, n, argZero); // u = 0
        for (int l = 0; l < net.blocks(); l++) {
            stage(2 * l, n);
            launch(fResidual, n, argResidualR);    // r = b − A u
            launch(fSpmv, nc, argRestrict);        // e = Pᵀ r
            CudaBackend.check(JCudaDriver.cuMemcpyDtoH(coarseHost, coarseMem, coarseBytes), "cuMemcpyDtoH");
            sys.coarseSolve(coarse);               // e ← A_c⁻¹ e on the host
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(coarseMem, coarseHost, coarseBytes), "cuMemcpyHtoD");
            launch(fProlong, n, argProlong);       // u += P e
            stage(2 * l + 1, n);
        }
    }

    private void stage(int stage, int n) {
        launch(fResidual, n, argResidualZ);        // z = D⁻¹(b − A u)
        launch(fScaledSpmv, n, argScaledSpmv);     // y = D⁻¹ A z
        backend.setInts(n, 0);
        double ss = backend.reduce(backend.kDot, n, backend.int0Ptr, zArg, zArg); // zᵀz
        double s = Math.sqrt(ss / n);
        if (!(s > 0)) {
            return; // exact already (as on the host)
        }
        stageOff[0] = plan.stageOffset(stage);
        scale[0] = s;
        launch(fSmooth, n, argSmooth);             // u += s δ(z/s, y/s)
    }

    private void releaseSystem() {
        for (CUdeviceptr p : mems) {
            if (p != null) {
                JCudaDriver.cuMemFree(p);
            }
        }
        mems = new CUdeviceptr[0];
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
            freeAll();
        }
    }

    /** Frees what was allocated (nothing to do once the backend is closed: the context went with it). */
    private void freeAll() {
        try {
            backend.bind();
        } catch (RuntimeException closedBackend) {
            return;
        }
        releaseSystem();
        if (params != null) {
            JCudaDriver.cuMemFree(params);
        }
        if (module != null) {
            JCudaDriver.cuModuleUnload(module);
        }
    }

    @Override
    public String toString() {
        return "CudaNeuralPoissonNet[" + net.blocks() + " blocks, width " + net.hidden() + ", " + backend.spec() + "]";
    }
}
