package io.krylovforge.cli;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.MatrixProperties;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kforge info A.mtx}: size, nnz, symmetry, diagonal facts. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a Matrix Market matrix: size, nnz, symmetry, diagonal dominance.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.mtx", description = "matrix file (.mtx or .mtx.gz)")
    Path matrixFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CsrMatrix a = MatrixMarket.read(matrixFile);
        MatrixProperties p = MatrixProperties.of(a);
        out.printf(Locale.ROOT, "  matrix        %s%n", matrixFile);
        out.printf(Locale.ROOT, "  size          %d x %d%s%n", p.rows(), p.cols(), p.rows() == p.cols() ? "" : " (not square)");
        out.printf(Locale.ROOT, "  nnz           %d (%.2f per row)%n", p.nnz(), p.rows() == 0 ? 0.0 : (double) p.nnz() / p.rows());
        out.printf(Locale.ROOT, "  symmetry      %s (relative tolerance %.0e)%n",
                p.symmetric() ? "symmetric" : "nonsymmetric", p.symmetryTolerance());
        out.printf(Locale.ROOT, "  diagonal      min |a_ii| = %.6g, max |a_ii| = %.6g, zero: %d, all positive: %s%n",
                p.minAbsDiagonal(), p.maxAbsDiagonal(), p.zeroDiagonals(), p.positiveDiagonal() ? "yes" : "no");
        out.printf(Locale.ROOT, "  dominance     %s (%d of %d rows weakly, %d strictly dominant)%n",
                p.diagonalDominance(), p.dominantRows(), p.rows(), p.strictlyDominantRows());
        out.printf(Locale.ROOT, "  suggestion    %s%n", suggestion(p));
        out.flush();
        return Kforge.EXIT_OK;
    }

    /** What to try first; never a preconditioner that divides by a diagonal entry that is zero. */
    static String suggestion(MatrixProperties p) {
        if (p.maybeSpd()) {
            return "SPD candidate: --solver cg (try --precond amg or ic0)";
        }
        if (p.zeroDiagonals() > 0) {
            return "nonsymmetric or indefinite, " + p.zeroDiagonals() + " zero diagonal entries: --solver gmres"
                    + " or bicgstab without --precond (jacobi, ssor, ilu0 and ic0 divide by the diagonal)";
        }
        return "nonsymmetric or indefinite: --solver gmres or bicgstab (try --precond ilu0)";
    }
}
