package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The solved samples of one shard, in sample order: what {@link ShardSolver} produces and a
 * {@link ShardWriter} stores. {@link #arrays} lays it out as the named arrays of the shard file.
 */
public final class SolvedShard {
    private final int index;
    private final long first;
    private final long[] seeds;
    final double[][] inputs;
    final int[][] inputShapes;
    final double[][] solutions;
    final double[][] rhs;
    /** With a stored matrix: each sample's CSR arrays, exactly nnz long (null otherwise). */
    final int[][] matrixRowPtr;
    final int[][] matrixColIdx;
    final double[][] matrixValues;
    final boolean[] converged;
    // The last pattern kept: the samples of a family share one, so its copies are shared too.
    private CsrMatrix patternSource;
    private int[] patternRowPtr;
    private int[] patternColIdx;
    final Manifest.SampleStats[] stats;

    SolvedShard(int index, long first, long[] seeds, boolean keepMatrices) {
        int n = seeds.length;
        this.index = index;
        this.first = first;
        this.seeds = seeds;
        inputs = new double[n][];
        inputShapes = new int[n][];
        solutions = new double[n][];
        rhs = new double[n][];
        matrixRowPtr = keepMatrices ? new int[n][] : null;
        matrixColIdx = keepMatrices ? new int[n][] : null;
        matrixValues = keepMatrices ? new double[n][] : null;
        converged = new boolean[n];
        stats = new Manifest.SampleStats[n];
    }

    /**
     * Keeps sample {@code i}'s matrix as the CSR arrays the shard file stores. Called by the
     * workers as each sample is solved, so the copy of the values runs in parallel and the
     * writer copies nothing; a pattern equal to the previous one is shared, not copied again.
     */
    void keepMatrix(int i, CsrMatrix m) {
        int nnz = m.nnz();
        double[] v = m.values();
        matrixValues[i] = v.length == nnz ? v : Arrays.copyOf(v, nnz);
        int[][] pattern = pattern(m);
        matrixRowPtr[i] = pattern[0];
        matrixColIdx[i] = pattern[1];
    }

    private synchronized int[][] pattern(CsrMatrix m) {
        if (patternSource == null || !m.samePattern(patternSource)) {
            int[] c = m.colIdx();
            patternRowPtr = m.rowPtr();
            patternColIdx = c.length == m.nnz() ? c : Arrays.copyOf(c, m.nnz());
            patternSource = m;
        }
        return new int[][] {patternRowPtr, patternColIdx};
    }

    /** {@return the shard number k} */
    public int index() {
        return index;
    }

    /** Global index of the shard's first sample. */
    public long firstSample() {
        return first;
    }

    /** Samples in the shard. */
    public int size() {
        return seeds.length;
    }

    /** Solution of shard-local sample {@code i}. */
    public double[] solution(int i) {
        return solutions[i];
    }

    /** Whether shard-local sample {@code i} reached the tolerance. */
    public boolean converged(int i) {
        return converged[i];
    }

    /** {@return the per-sample statistics recorded in the manifest} */
    public List<Manifest.SampleStats> stats() {
        return List.of(stats);
    }

    /**
     * The arrays of the shard file, in file order: {@code inputs}, {@code solutions}, {@code rhs}
     * (if saved), {@code seeds}, {@code indices}, {@code converged}, then with a stored matrix
     * A of each sample in CSR form: {@code matrix_indptr} (N, n+1) int32 (row pointers of each
     * sample, starting at 0), {@code matrix_offsets} (N+1,) int64 (sample j's entries are
     * [offsets[j], offsets[j+1]) of the next two), {@code matrix_indices} (nnz,) int32 and
     * {@code matrix_data} (nnz,) float64 (always float64, so A is stored exactly).
     */
    public List<ShardArray> arrays(DatasetSpec spec) {
        int n = size();
        List<ShardArray> a = new ArrayList<>();
        Dtype d = spec.dtype();
        a.add(new ShardArray.Floats("inputs", d, inputShape(), inputs));
        long[] solShape = solutionShape();
        a.add(new ShardArray.Floats("solutions", d, solShape, solutions));
        if (spec.saveRhs()) {
            a.add(new ShardArray.Floats("rhs", d, solShape, rhs));
        }
        a.add(new ShardArray.Longs("seeds", seeds.clone()));
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = first + i;
        }
        a.add(new ShardArray.Longs("indices", indices));
        a.add(new ShardArray.Bools("converged", converged.clone()));
        if (spec.storeMatrix()) {
            if (matrixValues == null) {
                throw new IllegalStateException("internal: shard solved without keeping its matrices");
            }
            long[] offsets = new long[n + 1];
            for (int i = 0; i < n; i++) {
                offsets[i + 1] = offsets[i] + matrixColIdx[i].length;
            }
            int[][] rowPtr = matrixRowPtr;
            int[][] colIdx = matrixColIdx;
            double[][] values = matrixValues;
            a.add(new ShardArray.Ints("matrix_indptr", new long[] {n, rowPtr[0].length}, rowPtr));
            a.add(new ShardArray.Longs("matrix_offsets", offsets));
            a.add(new ShardArray.Ints("matrix_indices", new long[] {offsets[n]}, colIdx));
            a.add(new ShardArray.Floats("matrix_data", Dtype.FLOAT64, new long[] {offsets[n]}, values));
        }
        return a;
    }

    private long[] inputShape() {
        int[] s = inputShapes[0];
        for (int i = 1; i < size(); i++) {
            if (!Arrays.equals(s, inputShapes[i]) || inputs[i].length != inputs[0].length) {
                throw new IllegalStateException("internal: samples of one family differ in parameter shape");
            }
        }
        long[] shape = new long[s.length + 1];
        shape[0] = size();
        for (int d = 0; d < s.length; d++) {
            shape[d + 1] = s[d];
        }
        return shape;
    }

    private long[] solutionShape() {
        int len = solutions[0].length;
        for (int i = 1; i < size(); i++) {
            if (solutions[i].length != len) {
                throw new IllegalStateException("internal: samples of one family differ in size");
            }
        }
        // a 3D field with one parameter per unknown (darcy3d's K per cell) gives the solution its shape
        int[] in = inputShapes[0];
        if (in.length == 3 && (long) in[0] * in[1] * in[2] == len) {
            return new long[] {size(), in[0], in[1], in[2]};
        }
        int m = (int) Math.round(Math.sqrt(len));
        return m * m == len ? new long[] {size(), m, m} : new long[] {size(), len};
    }

    /**
     * The manifest record of this shard once written to {@code file}.
     *
     * @param file    file name inside the output directory
     * @param bytes   file size
     * @param sha     hex SHA-256 of the file
     * @param seconds wall time to generate and write it
     * @return the record
     */
    public Manifest.Shard record(String file, long bytes, String sha, double seconds) {
        int failed = 0;
        long its = 0;
        for (int i = 0; i < size(); i++) {
            failed += converged[i] ? 0 : 1;
            its += stats[i].iterations();
        }
        return new Manifest.Shard(index, file, first, size(), bytes, sha, seconds, failed, (double) its / size(),
                List.of(stats));
    }
}
