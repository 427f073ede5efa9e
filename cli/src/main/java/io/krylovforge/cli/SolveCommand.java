package io.krylovforge.cli;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.MatrixProperties;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.krylovforge.solvers.SolverSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kforge solve A.mtx}: read, solve, report; exit 0 converged, 2 bad input, 3 not converged. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve A x = b for a Matrix Market matrix A (b = A*ones unless --rhs is given).")
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.mtx", description = "matrix file (.mtx or .mtx.gz)")
    Path matrixFile;

    @Option(names = "--rhs", paramLabel = "b.mtx", description = "right-hand side (default: b = A*ones)")
    Path rhsFile;

    @Mixin
    SolverSpecOptions solverOptions;

    @Option(names = "--out", paramLabel = "x.mtx", description = "write the solution as a Matrix Market array")
    Path outFile;

    @Option(names = "--json", paramLabel = "report.json", description = "write the report as JSON")
    Path jsonFile;

    @Option(names = "--monitor", description = "print the residual norm at every iteration")
    boolean monitor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SolverSpec solverSpec = solverOptions.toSpec(); // bad options fail before the matrix is read
        long t0 = System.nanoTime();
        CsrMatrix a = MatrixMarket.read(matrixFile);
        if (a.rows() != a.cols()) {
            throw new UserInputException(matrixFile + ": matrix is " + a.rows() + "x" + a.cols()
                    + ", but solve needs a square matrix");
        }
        double[] b;
        if (rhsFile != null) {
            b = MatrixMarket.readVector(rhsFile);
            if (b.length != a.rows()) {
                throw new UserInputException(rhsFile + ": right-hand side has " + b.length
                        + " entries but the matrix has " + a.rows() + " rows");
            }
        } else {
            b = a.multiply(DenseVector.ones(a.cols()).data());
        }
        long t1 = System.nanoTime();
        MatrixProperties props = MatrixProperties.of(a);

        SolverChoice choice = SolverChoice.of(solverSpec, a, solverOptions.weights);
        IterativeSolver s = choice.solver();
        Preconditioner m = choice.preconditioner();
        int limit = solverSpec.iterationLimit(a.rows());
        String device = solverSpec.device();
        String precond = solverSpec.precond();
        double rtol = solverSpec.rtol();
        double atol = solverSpec.atol();
        SolverOptions options = solverSpec.options(a.rows()).withPreconditioner(m);
        if (monitor) {
            options = options.withMonitor((k, r) -> out.printf(java.util.Locale.ROOT,
                    "  %5d  %.6e%n", k, r));
        }
        DenseVector x = DenseVector.zeros(a.rows());
        long t2 = System.nanoTime();
        DeviceSolve onDevice = "cpu".equals(device) ? null
                : DeviceSolve.run(device, a, b, x.data(), s, options, precond); // includes upload/download
        SolveResult result = onDevice != null ? onDevice.result() : s.solve(a, DenseVector.wrap(b), x, options);
        long t3 = System.nanoTime();

        SolveReport report = new SolveReport(matrixFile.toString(), rhsFile == null ? "A*ones" : rhsFile.toString(),
                props, s.name(), m == null ? "none" : m.name(), rtol, atol, limit, result,
                (t1 - t0) / 1e6, (t3 - t2) / 1e6);
        out.println("  device        " + (onDevice == null ? "cpu" : onDevice.description()));
        if (onDevice != null && !onDevice.note().isEmpty()) {
            out.println("  device note   " + onDevice.note());
        }
        report.print(out);
        if (outFile != null) {
            MatrixMarket.writeVector(outFile, x.data());
            out.println("  solution      written to " + outFile);
        }
        if (jsonFile != null) {
            report.writeJson(jsonFile);
            out.println("  report        written to " + jsonFile);
        }
        out.flush();
        return result.converged() ? Kforge.EXIT_OK : Kforge.EXIT_NOT_CONVERGED;
    }
}
