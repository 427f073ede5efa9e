package io.krylovforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.core.linalg.MatrixProperties;
import io.krylovforge.core.solve.SolveResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What {@code kforge solve} tells the user, as text and as JSON. */
record SolveReport(String matrix, String rhs, MatrixProperties props, String solver,
        String preconditioner, double rtol, double atol, int maxIterations, SolveResult result,
        double readMillis, double solveMillis) {

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "  matrix        %s%n", matrix);
        out.printf(Locale.ROOT, "  size          n = %d, nnz = %d%n", props.rows(), props.nnz());
        out.printf(Locale.ROOT, "  symmetry      %s%n", props.symmetric() ? "symmetric" : "nonsymmetric");
        out.printf(Locale.ROOT, "  rhs           %s%n", rhs);
        out.printf(Locale.ROOT, "  solver        %s, preconditioner %s, rtol %.1e%n", solver, preconditioner, rtol);
        out.printf(Locale.ROOT, "  iterations    %d%n", result.iterations());
        out.printf(Locale.ROOT, "  rel. residual %.3e  (||b - A x|| / ||b||, recomputed)%n",
                result.relativeResidual());
        out.printf(Locale.ROOT, "  stop reason   %s: %s%s%n", result.reason(), result.reason().description(),
                result.detail().isEmpty() ? "" : " (" + result.detail() + ")");
        out.printf(Locale.ROOT, "  time          read %.1f ms, solve %.1f ms (%.3f ms/iteration)%n",
                readMillis, solveMillis, result.iterations() > 0 ? solveMillis / result.iterations() : 0.0);
        if (!result.converged()) {
            String hint = symmetryHint();
            if (!hint.isEmpty()) {
                out.println("  hint          " + hint);
            }
            out.println("  NOT CONVERGED: try another --solver or --precond, or raise --max-iterations");
        }
    }

    /** Solvers whose theory needs a symmetric matrix (and preconditioner). */
    private static final Set<String> SYMMETRIC_ONLY = Set.of(
            "cg", "pcg", "pipecg", "fcg", "minres", "chebyshev", "dcdm", "cholesky", "ldlt");

    /** Why a symmetric-only method failed on a nonsymmetric matrix, or empty. */
    String symmetryHint() {
        if (props.symmetric() || !SYMMETRIC_ONLY.contains(solver)) {
            return "";
        }
        return solver + " needs a symmetric matrix and this one is nonsymmetric: use --solver "
                + (solver.equals("cholesky") || solver.equals("ldlt") ? "lu or auto" : "gmres, bicgstab or tfqmr");
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matrix", matrix);
        m.put("rhs", rhs);
        m.put("n", props.rows());
        m.put("nnz", props.nnz());
        m.put("symmetric", props.symmetric());
        m.put("solver", solver);
        m.put("preconditioner", preconditioner);
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("maxIterations", maxIterations);
        m.put("converged", result.converged());
        m.put("stopReason", result.reason().name());
        m.put("detail", result.detail());
        if (!result.converged() && !symmetryHint().isEmpty()) {
            m.put("hint", symmetryHint());
        }
        m.put("iterations", result.iterations());
        m.put("residualNorm", result.residualNorm());
        m.put("relativeResidual", result.relativeResidual());
        m.put("readMillis", readMillis);
        m.put("solveMillis", solveMillis);
        m.put("residualHistory", result.history());
        return m;
    }

    void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(toMap());
        AtomicFiles.write(file, bytes);
    }
}
