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
import java.util.Locale;
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

    /** The solver options shared with generate and sequence, validated as one {@link SolverSpec}. */
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
        SolverSpec solverSpec = checkOptions();
        long t0 = System.nanoTime();
        CsrMatrix a = MatrixMarket.read(matrixFile);
        if (a.rows() != a.cols()) {
            throw new UserInputException(matrixFile + ": matrix is " + a.rows() + "x" + a.cols()
                    + ", but solve needs a square matrix");
        }
        if (a.rows() == 0) {
            throw new UserInputException(matrixFile + ": matrix is 0x0, there is nothing to solve");
        }
        double[] b;
        if (rhsFile != null) {
            b = MatrixMarket.readVector(rhsFile, a.rows()); // length checked before allocating
        } else {
            b = a.multiply(DenseVector.ones(a.cols()).data());
        }
        long t1 = System.nanoTime();
        MatrixProperties props = MatrixProperties.of(a);

        try (DeviceSolve where = DeviceSolve.open(solverSpec.device())) { // --device parsed once, before anything is built
            SolverChoice choice = SolverChoice.of(solverSpec, a, solverOptions.weights, where);
            IterativeSolver s = choice.solver();
            Preconditioner m = choice.preconditioner();
            int limit = solverSpec.iterationLimit(a.rows());
            SolverOptions options = solverSpec.options(a.rows(), s).withPreconditioner(m);
            if (monitor) {
                options = options.withMonitor((k, r) -> out.printf(Locale.ROOT,
                        "  %5d  %.6e%n", k, r));
            }
            DenseVector x = DenseVector.zeros(a.rows());
            long t2 = System.nanoTime();
            SolveResult result = where.solve(s, a, b, x.data(), options); // on a device: upload/download included
            long t3 = System.nanoTime();
            return report(out, props, s, m, solverSpec, limit, result, x, where, (t1 - t0) / 1e6, (t3 - t2) / 1e6);
        }
    }

    private int report(PrintWriter out, MatrixProperties props, IterativeSolver s, Preconditioner m, SolverSpec sp, int limit,
            SolveResult result, DenseVector x, DeviceSolve where, double readMs, double solveMs) throws Exception {
        SolveReport report = new SolveReport(matrixFile.toString(), rhsFile == null ? "A*ones" : rhsFile.toString(),
                props, s.name(), m == null ? "none" : m.name(), sp.rtol(), sp.atol(), limit, result, readMs, solveMs);
        out.println("  device        " + where.description());
        if (!where.note().isEmpty()) {
            out.println("  device note   " + where.note());
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
        if (!result.converged()) {
            // One line on stderr too, so a script that keeps only stderr still sees why (exit 3).
            String hint = report.symmetryHint();
            spec.commandLine().getErr().println("kforge: " + matrixFile + ": not converged: " + result.summary()
                    + (hint.isEmpty() ? "" : "; " + hint));
        }
        return result.converged() ? Kforge.EXIT_OK : Kforge.EXIT_NOT_CONVERGED;
    }

    /**
     * Option checks that need no file: done first, so a bad value or an unwritable output path
     * fails at once instead of after a long solve. The solver options are checked by
     * {@link SolverSpec}, as for generate and sequence.
     */
    private SolverSpec checkOptions() {
        SolverSpec solverSpec = solverOptions.toSpec();
        OutputPaths.checkWritable("--out", outFile);
        OutputPaths.checkWritable("--json", jsonFile);
        return solverSpec;
    }
}
