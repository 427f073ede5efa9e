package io.krylovforge.learned;

import io.krylovforge.core.linalg.LinearOperator;
import java.util.Arrays;
import java.util.Random;

/**
 * Label-free DCDM training on a problem's own SPD matrix A.
 *
 * <p>Data (DCDM "Ritz vector" dataset, scaled down): m Lanczos steps on A give Ritz pairs
 * (ascending); each sample is b = Σᵢ cᵢ yᵢ / ‖·‖ with cᵢ ~ 9·N(0,1) for the lowest
 * m/2 + m/20 Ritz vectors and cᵢ ~ N(0,1) for the rest (the paper: m = 10,000, θ = 500), so the
 * data leans toward the smooth, low-eigenvalue end of the spectrum that CG resolves slowest.
 * One tenth of the samples are held out for validation (paper: 90/10 split).
 *
 * <p>Loss: {@link DcdmLoss}, L = ‖b − αAq‖², α = qᵀb/qᵀAq, q = f(s·b), mean over a batch; Adam.
 * s is the input scale {@link Dcdm} applies, √(n / cells of the net's recorded grid): 1 when the
 * architecture records the training grid (the usual case), above 1 when it records a smaller
 * reference grid. The latter trains on a large grid with the per-cell input size of the small one:
 * with unit-norm inputs of tiny entries (32³: about 0.006) Adam's steps of size ~lr soon make the
 * biases dominate the activations and the loss stays at 1.
 * Everything random (Lanczos start, coefficients, initial weights, shuffling) comes from the seed,
 * and every kernel sums in an order fixed by the data and not by the thread count (see
 * {@link LayerKernels#convBackward}), so a seed reproduces the weights bit for bit.
 *
 * <p>Reference: Kaneda et al., ICML 2023, §3.3 and code {@code src/datasetcreate.py},
 * {@code src/train.py} (docs/papers.md §4.3).
 */
public final class DcdmTrainer {

    /**
     * @param lanczosSteps  Lanczos steps m (Ritz vectors used)
     * @param samples       training + validation vectors
     * @param epochs        passes over the training vectors
     * @param batchSize     vectors per Adam step
     * @param learningRate  Adam step size
     * @param seed          seed of everything random
     */
    public record Options(int lanczosSteps, int samples, int epochs, int batchSize, double learningRate, long seed) {
        /**
         * Validates the options.
         *
         * @param lanczosSteps  Lanczos steps m (Ritz vectors used)
         * @param samples       training + validation vectors
         * @param epochs        passes over the training vectors
         * @param batchSize     vectors per Adam step
         * @param learningRate  Adam step size
         * @param seed          seed of everything random
         * @throws IllegalArgumentException for fewer than 2 Lanczos steps or samples, negative
         *        epochs or a batch below 1
         */
        public Options {
            if (lanczosSteps < 2 || samples < 2 || epochs < 0 || batchSize < 1) {
                throw new IllegalArgumentException("need lanczosSteps >= 2, samples >= 2, epochs >= 0, batchSize >= 1; got "
                        + lanczosSteps + ", " + samples + ", " + epochs + ", " + batchSize);
            }
            if (!(learningRate > 0.0)) {
                throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
            }
        }

        /** The settings of the shipped weights: 300 Lanczos steps, 400 samples, 20 epochs, batch 10, lr 1e-3. */
        public static Options defaults(long seed) {
            return new Options(300, 400, 20, 10, 1e-3, seed);
        }
    }

    /** Per-epoch mean training loss, validation loss before training (index 0) and after each epoch. */
    public record Report(double[] trainLoss, double[] validationLoss, double seconds, int samples) {
    }

    /** Callback per epoch, for progress output (may be null). */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each epoch.
         *
         * @param epoch          epoch number, from 1
         * @param trainLoss      mean training loss of the epoch
         * @param validationLoss validation loss after the epoch
         * @param seconds        time since training started
         */
        void epoch(int epoch, double trainLoss, double validationLoss, double seconds);
    }

    private final LinearOperator a;
    private final Grid grid;

    /** Trains for A on {@code grid} (A must be SPD with grid.size() rows). */
    public DcdmTrainer(LinearOperator a, Grid grid) {
        if (a.rows() != a.cols() || a.rows() != grid.size()) {
            throw new IllegalArgumentException("matrix is " + a.rows() + "x" + a.cols() + " but the grid "
                    + grid + " has " + grid.size() + " cells");
        }
        this.a = a;
        this.grid = grid;
    }

    /**
     * Builds the training vectors: {@code options.samples()} unit vectors from the Ritz vectors of
     * A ({@code options.lanczosSteps()} Lanczos steps, seeded by {@code options.seed()}).
     *
     * @param options Lanczos steps, sample count and seed are used
     * @return the unit vectors, one per sample
     */
    public double[][] trainingVectors(Options options) {
        int lanczosSteps = options.lanczosSteps();
        int samples = options.samples();
        long seed = options.seed();
        RitzVectors.Pairs pairs = RitzVectors.compute(a, lanczosSteps, seed);
        int m = pairs.values().length;
        int heavy = Math.min(m, m / 2 + Math.max(1, m / 20));
        Random rnd = new Random(seed ^ 0x9E3779B97F4A7C15L);
        int n = grid.size();
        double[][] out = new double[samples][];
        double[] c = new double[m];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < m; i++) {
                c[i] = (i < heavy ? 9.0 : 1.0) * rnd.nextGaussian();
            }
            double[] b = new double[n];
            for (int i = 0; i < m; i++) {
                RitzVectors.axpy(c[i], pairs.vectors()[i], b); // b += c_i y_i
            }
            double nb = RitzVectors.norm(b);
            for (int i = 0; i < n; i++) {
                b[i] /= nb;
            }
            out[s] = b;
        }
        return out;
    }

    /** Trains {@code net} in place (its architecture must match the grid's dimension). */
    public Report train(ConvNet net, Options options, Progress progress) {
        if (net.architecture().spatialDims() != grid.spatialDims()) {
            throw new IllegalArgumentException("a " + net.architecture().spatialDims() + "D network cannot train on the "
                    + grid.spatialDims() + "D grid " + grid);
        }
        long start = System.nanoTime();
        double[][] data = trainingVectors(options);
        int nVal = Math.max(1, data.length / 10);
        int nTrain = data.length - nVal;
        ConvNet.Workspace ws = net.workspace(grid.nx(), grid.ny(), grid.nz());
        DcdmLoss loss = new DcdmLoss(a);
        int n = grid.size();
        double[] q = new double[n];
        double[] gq = new double[n];
        double scale = Dcdm.inputScale(net.architecture(), grid);
        double[] in = new double[n];
        double[] theta = net.parameters();
        double[] g = new double[theta.length];
        Adam adam = new Adam(theta.length, options.learningRate());
        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            order[i] = i;
        }
        Random shuffle = new Random(options.seed() + 1);
        double[] trainLoss = new double[options.epochs()];
        double[] valLoss = new double[options.epochs() + 1];
        valLoss[0] = validate(net, ws, loss, data, nTrain, q, scale, in);
        for (int e = 0; e < options.epochs(); e++) {
            for (int i = nTrain - 1; i > 0; i--) { // Fisher–Yates
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0.0;
            for (int b0 = 0; b0 < nTrain; b0 += options.batchSize()) {
                int b1 = Math.min(nTrain, b0 + options.batchSize());
                Arrays.fill(g, 0.0);
                for (int s = b0; s < b1; s++) {
                    double[] b = data[order[s]];
                    scaled(scale, b, in);
                    net.forward(in, q, ws);
                    sum += loss.evaluate(b, q, gq);
                    net.backward(gq, null, g, ws);
                }
                double inv = 1.0 / (b1 - b0); // batch mean
                for (int i = 0; i < g.length; i++) {
                    g[i] *= inv;
                }
                adam.step(theta, g);
            }
            trainLoss[e] = sum / nTrain;
            valLoss[e + 1] = validate(net, ws, loss, data, nTrain, q, scale, in);
            if (progress != null) {
                progress.epoch(e + 1, trainLoss[e], valLoss[e + 1], (System.nanoTime() - start) * 1e-9);
            }
        }
        return new Report(trainLoss, valLoss, (System.nanoTime() - start) * 1e-9, data.length);
    }

    /** in = scale·b (a plain copy when scale is 1, so s = 1 reproduces the unscaled training bit for bit). */
    private static void scaled(double scale, double[] b, double[] in) {
        if (scale == 1.0) {
            System.arraycopy(b, 0, in, 0, b.length);
            return;
        }
        for (int i = 0; i < b.length; i++) {
            in[i] = scale * b[i];
        }
    }

    private static double validate(ConvNet net, ConvNet.Workspace ws, DcdmLoss loss, double[][] data, int from,
            double[] q, double scale, double[] in) {
        double sum = 0.0;
        for (int s = from; s < data.length; s++) {
            scaled(scale, data[s], in);
            net.forward(in, q, ws);
            sum += loss.evaluate(data[s], q, null);
        }
        return sum / (data.length - from);
    }
}
