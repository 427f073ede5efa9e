package io.krylovforge.bench.kernels;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.VectorKernels;
import io.krylovforge.precond.SymmetricSor;
import io.krylovforge.precond.factor.IncompleteLu0;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the hot kernels on the 2D 5-point Laplacian: SpMV, dot, axpy, an SSOR
 * sweep (forward + backward, as the SSOR preconditioner applies it) and an ILU(0) solve.
 * {@link KernelReport} runs them and turns the times into GB/s and a fraction of STREAM copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmarks {
    /** Grid points per side: 2048 gives n ≈ 4 M, 32 MB per vector (beyond the last-level cache). */
    @Param("2048")
    public int side;

    CsrMatrix a;
    double[] x;
    double[] y;
    DenseVector r;
    DenseVector z;
    SymmetricSor ssor;
    IncompleteLu0 ilu;

    @Setup
    public void setUp() {
        a = Stencils.laplacian2d(side, side);
        int n = a.rows();
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0 + (i % 13) * 0.01;
        }
        r = DenseVector.of(x);
        z = DenseVector.zeros(n);
        ssor = new SymmetricSor(1.0);
        ssor.setUp(a);
        ilu = new IncompleteLu0();
        ilu.setUp(a);
    }

    @Benchmark
    public double[] spmv() {
        a.multiply(x, y);
        return y;
    }

    @Benchmark
    public double dot() {
        return VectorKernels.dot(x, y);
    }

    @Benchmark
    public double[] axpy() {
        VectorKernels.axpy(1e-9, x, y);
        return y;
    }

    @Benchmark
    public DenseVector ssorSweep() {
        ssor.apply(r, z);
        return z;
    }

    @Benchmark
    public DenseVector iluSolve() {
        ilu.apply(r, z);
        return z;
    }

    /** Bytes each kernel must move at minimum, for GB/s: matrix once, vectors once. */
    static double bytes(String kernel, long n, long nnz) {
        long matrix = 12L * nnz + 4L * (n + 1);
        return switch (kernel) {
            case "spmv" -> matrix + 16.0 * n;          // read x, write y
            case "dot" -> 16.0 * n;                     // read x, y
            case "axpy" -> 24.0 * n;                    // read x, y; write y
            case "ssorSweep" -> 2.0 * matrix + 40.0 * n; // forward + backward pass, r, z, diagonal
            case "iluSolve" -> matrix + 32.0 * n;       // L and U once, r read, z written and re-read
            default -> throw new IllegalArgumentException("unknown kernel " + kernel);
        };
    }
}
