package io.krylovforge.bench.harness;

/**
 * One benchmark case of a suite.
 *
 * @param id             unique id in the suite
 * @param problem        generator name ("laplace2d", "laplace3d", "convdiff2d") or "file"
 * @param size           grid points per side for generators
 * @param file           Matrix Market path when problem = "file"
 * @param solver         solver name as the registry knows it
 * @param preconditioner preconditioner name ("none", "jacobi", "amg", ...)
 * @param rtol           relative tolerance
 * @param repeats        timed repeats (median reported)
 * @param warmup         untimed warm-up runs
 */
public record BenchCase(String id, String problem, int size, String file, String solver,
        String preconditioner, double rtol, int repeats, int warmup) {

    public BenchCase {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("every case needs an id");
        }
        if (problem == null) {
            throw new IllegalArgumentException("case " + id + ": missing 'problem'");
        }
        if ("file".equals(problem) ? file == null : size < 2) {
            throw new IllegalArgumentException("case " + id + ": "
                    + ("file".equals(problem) ? "problem 'file' needs 'file'" : "'size' must be >= 2"));
        }
        solver = solver == null ? "cg" : solver;
        preconditioner = preconditioner == null ? "none" : preconditioner;
        rtol = rtol == 0.0 ? 1e-8 : rtol;
        if (!(rtol > 0.0 && rtol < 1.0)) {
            throw new IllegalArgumentException("case " + id + ": rtol must be in (0, 1), got " + rtol);
        }
        repeats = repeats == 0 ? 3 : repeats;
        if (repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("case " + id + ": repeats >= 1 and warmup >= 0 needed");
        }
    }
}
