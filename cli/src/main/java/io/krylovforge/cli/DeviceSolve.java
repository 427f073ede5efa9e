package io.krylovforge.cli;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Simd;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceJacobi;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.Devices;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where {@code kforge solve --device ...} runs, resolved first: the {@code --device} spec is
 * parsed once, here, and the solver, preconditioner and network are then built for this backend
 * ({@link SolverChoice#of}), so nothing is built on the cpu and thrown away. On a device the
 * solve uploads A and b once, runs on device vectors and downloads x once. Of the preconditioners
 * only jacobi runs on a device ({@link DeviceJacobi}); the others are refused with a clear
 * message. Networks built for the device are closed with the session, before the backend.
 */
final class DeviceSolve implements AutoCloseable {
    private final Devices.Selection selection;
    private final String spec;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    private DeviceSolve(Devices.Selection selection, String spec) {
        this.selection = selection;
        this.spec = spec;
    }

    /** Opens {@code --device spec}; a device that cannot be opened is a one-line user error. */
    static DeviceSolve open(String spec) {
        try {
            return new DeviceSolve(Devices.backend(spec), spec);
        } catch (BackendUnavailableException e) {
            throw new UserInputException("--device " + spec + ": " + e.getMessage());
        }
    }

    /** The host, for callers without a {@code --device} option. */
    static DeviceSolve cpu() {
        return open("cpu");
    }

    DeviceBackend backend() {
        return selection.backend();
    }

    boolean onCpu() {
        return "cpu".equals(backend().name());
    }

    /** The device used, e.g. "opencl:0:0 NVIDIA H100 ... (GPU, 79.1 GiB)", or "cpu (SIMD on (256-bit vectors))". */
    String description() {
        return onCpu() ? "cpu (SIMD " + Simd.describe() + ")" : backend().description();
    }

    /** For {@code auto}: why this device was chosen (empty otherwise). */
    String note() {
        return selection.note();
    }

    /** Closes {@code resource} with this session, before the backend. */
    <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /**
     * The device form of a preconditioner: jacobi on the device, none stays none, the others run
     * on the cpu only.
     */
    Preconditioner devicePreconditioner(String name) {
        return switch (name) {
            case "none" -> null;
            case "jacobi" -> new DeviceJacobi(backend());
            default -> throw new UserInputException("--precond " + name + " runs on the cpu only; with --device "
                    + spec + " use --precond none or jacobi (or --device cpu)");
        };
    }

    /** Solves A x = b with x as guess in and solution out, where this session runs. */
    SolveResult solve(IterativeSolver solver, CsrMatrix a, double[] b, double[] x, SolverOptions options) {
        if (onCpu()) {
            return solver.solve(a, DenseVector.wrap(b), DenseVector.wrap(x), options);
        }
        DeviceBackend dev = backend();
        try {
            LinearOperator da = dev.upload(a); // host -> device, once
            Vector db = dev.of(b);
            Vector dx = dev.of(x);
            SolveResult result;
            try {
                result = solver.solve(da, db, dx, options);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("solver " + solver.name() + " cannot run on " + dev.name()
                        + ": " + e.getMessage());
            }
            System.arraycopy(dx.toArray(), 0, x, 0, x.length); // device -> host, once
            return result;
        } catch (DeviceOutOfMemoryException e) {
            throw new UserInputException("--device " + spec + ": the problem does not fit: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            while (!owned.isEmpty()) {
                owned.pop().close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("internal: closing a device network failed: " + e.getMessage(), e);
        } finally {
            backend().close();
        }
    }
}
