package io.krylovforge.cli;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceJacobi;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.Devices;
import io.krylovforge.learned.CpuConvNet;
import io.krylovforge.learned.Dcdm;
import io.krylovforge.learned.NetworkEvaluator;

/**
 * {@code kforge solve --device ...}: uploads A and b once, runs the same solver object on device
 * vectors, downloads x once. Of the preconditioners only jacobi runs on a device
 * ({@link DeviceJacobi}); the others are CPU-only for now and refused with a clear message.
 * {@code --solver dcdm} runs its network on the device too ({@link DeviceBackend#convNet}), so
 * the whole DCDM iteration stays there.
 *
 * @param result      the solver's result
 * @param description the device used, e.g. "opencl:0:0 NVIDIA H100 ... (GPU, 79.1 GiB)"
 * @param note        for {@code auto}: why this device was chosen (empty otherwise)
 */
record DeviceSolve(SolveResult result, String description, String note) {

    static DeviceSolve run(String spec, CsrMatrix a, double[] b, double[] x, IterativeSolver solver,
            SolverOptions options, String precondName) {
        boolean jacobi = "jacobi".equals(precondName);
        if (options.preconditioner() != null && !jacobi) {
            throw new UserInputException("--precond " + precondName + " runs on the cpu only; with --device " + spec
                    + " use --precond none or jacobi (or --device cpu)");
        }
        Devices.Selection sel;
        try {
            sel = Devices.backend(spec);
        } catch (BackendUnavailableException e) {
            throw new UserInputException("--device " + spec + ": " + e.getMessage());
        }
        try (DeviceBackend dev = sel.backend()) {
            LinearOperator da = dev.upload(a); // host -> device, once
            Vector db = dev.of(b);
            Vector dx = dev.of(x);
            SolverOptions opts = jacobi ? options.withPreconditioner(new DeviceJacobi(dev)) : options;
            SolveResult result;
            NetworkEvaluator net = solver instanceof Dcdm d && d.network() instanceof CpuConvNet c
                    ? dev.convNet(c.net(), c.grid()) : null; // weights up once, activations allocated once
            try {
                result = (net != null ? new Dcdm(net) : solver).solve(da, db, dx, opts);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("solver " + solver.name() + " cannot run on " + dev.name()
                        + ": " + e.getMessage());
            } finally {
                if (net != null) {
                    net.close();
                }
            }
            System.arraycopy(dx.toArray(), 0, x, 0, x.length); // device -> host, once
            return new DeviceSolve(result, dev.description(), sel.note());
        } catch (DeviceOutOfMemoryException e) {
            throw new UserInputException("--device " + spec + ": the problem does not fit: " + e.getMessage());
        }
    }
}
