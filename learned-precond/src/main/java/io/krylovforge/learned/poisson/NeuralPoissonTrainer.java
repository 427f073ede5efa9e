package io.krylovforge.learned.poisson;

import io.krylovforge.learned.Adam;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Label-free training of a {@link NeuralPoissonNet} exactly as NPSolver's "iterative physics
 * supervision" (its loss scheme 4): for each sample, the prediction û, the target
 * t = PCG_K(A, b, x₀ = û) with Jacobi preconditioning and <em>no gradient</em> through it
 * (stop-gradient), and the loss L = RMS(t − û) = ‖t − û‖₂/√n. No converged solution is ever
 * computed. Adam on the mean loss of a mini-batch, gradient-norm clipping at 1 (as the paper),
 * learning rate decayed linearly to 10 % over the run; the sample order is drawn from the seed, so
 * the same options give bit-identical weights.
 *
 * <p>Reference: Zeng et al., NPSolver (KDD 2026), §3.1; Kingma and Ba, Adam (ICLR 2015).
 */
public final class NeuralPoissonTrainer {
    /**
     * @param samples   training problems
     * @param h         training mesh edge length
     * @param blocks    network blocks L
     * @param hidden    MLP width H
     * @param steps     Adam steps
     * @param batch     samples per step
     * @param lr        initial learning rate
     * @param pcgSteps  K, the PCG steps that make the target
     * @param seed      seed of the data, the initial weights and the sample order
     */
    public record Options(int samples, double h, int blocks, int hidden, int steps, int batch, double lr,
            int pcgSteps, long seed) {
        /**
         * Validates the options.
         *
         * @param samples   training problems
         * @param h         training mesh edge length
         * @param blocks    network blocks L
         * @param hidden    MLP width H
         * @param steps     Adam steps
         * @param batch     samples per step
         * @param lr        initial learning rate
         * @param pcgSteps  K, the PCG steps that make the target
         * @param seed      seed of the data, the initial weights and the sample order
         * @throws IllegalArgumentException if samples, steps, batch or PCG steps is below 1
         */
        public Options {
            if (samples < 1 || steps < 1 || batch < 1 || pcgSteps < 1) {
                throw new IllegalArgumentException("samples, steps, batch and pcgSteps must be >= 1; got " + samples
                        + ", " + steps + ", " + batch + ", " + pcgSteps);
            }
            if (hidden < 16) {
                throw new IllegalArgumentException("hidden width must be >= 16, got " + hidden);
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
        }

        /** {@return the settings of the shipped weights} */
        public static Options defaults() {
            return new Options(32, 0.05, 8, 16, 1500, 4, 1e-3, 30, 1L);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "samples=%d h=%.3f blocks=%d hidden=%d steps=%d batch=%d lr=%.1e K=%d seed=%d",
                    samples, h, blocks, hidden, steps, batch, lr, pcgSteps, seed);
        }
    }

    /** Progress: step, mean training loss over the last report interval, seconds so far. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called every report interval.
         *
         * @param step    training step
         * @param loss    mean training loss over the last interval
         * @param seconds time since training started
         */
        void report(int step, double loss, double seconds);
    }

    /** Loss history (mean per report interval) and time. */
    public record Report(double firstLoss, double lastLoss, double seconds) {
    }

    private NeuralPoissonTrainer() {
    }

    /** Builds the data from the options' seed and trains a net from {@link NeuralPoissonNet#initial}. */
    public static NeuralPoissonNet train(Options o, Progress progress) {
        List<PoissonSamples.Sample> data = PoissonSamples.generate(o.samples(), o.h(), o.seed());
        NeuralPoissonNet net = NeuralPoissonNet.initial(new NeuralPoissonNet.Size(o.blocks(), o.hidden()), o.seed());
        train(net, data, o, progress);
        return net;
    }

    /** Trains {@code net} in place on {@code data}. */
    public static Report train(NeuralPoissonNet net, List<PoissonSamples.Sample> data, Options o, Progress progress) {
        long start = System.nanoTime();
        int cap = 0;
        for (PoissonSamples.Sample s : data) {
            cap = Math.max(cap, s.system().size());
        }
        NeuralPoissonNet.Workspace ws = new NeuralPoissonNet.Workspace(net, cap);
        double[] u = new double[cap];
        double[] t = new double[cap];
        double[] g = new double[cap];
        double[] grad = new double[net.parameterCount()];
        double[] stepGrad = new double[net.parameterCount()];
        double[] before = new double[net.parameterCount()];
        Adam adam = new Adam(net.parameterCount(), 1.0); // the learning rate is applied by scaling the gradient
        SplittableRandom rnd = new SplittableRandom(PoissonSamples.mix(o.seed(), 0, 3));
        double first = Double.NaN;
        double acc = 0.0;
        int accCount = 0;
        double last = Double.NaN;
        int interval = Math.max(1, o.steps() / 20);
        for (int step = 1; step <= o.steps(); step++) {
            Arrays.fill(stepGrad, 0.0);
            double batchLoss = 0.0;
            for (int k = 0; k < o.batch(); k++) {
                TwoLevelSystem sys = data.get(rnd.nextInt(data.size())).system();
                Arrays.fill(grad, 0.0);
                batchLoss += lossAndGradient(net, sys, ws, o.pcgSteps(), u, t, g, grad);
                for (int j = 0; j < grad.length; j++) {
                    stepGrad[j] += grad[j] / o.batch();
                }
            }
            batchLoss /= o.batch();
            if (!Double.isFinite(batchLoss)) {
                throw new IllegalStateException("training diverged at step " + step + " (loss " + batchLoss
                        + "); lower the learning rate");
            }
            double norm = 0.0;
            for (double v : stepGrad) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            // clip to norm 1 (paper), then Adam with a linearly decaying rate folded into the update
            double clip = norm > 1.0 ? 1.0 / norm : 1.0;
            double lr = o.lr() * (1.0 - 0.9 * (step - 1) / (double) Math.max(1, o.steps() - 1));
            for (int j = 0; j < stepGrad.length; j++) {
                stepGrad[j] *= clip;
            }
            double[] p = net.parameters();
            System.arraycopy(p, 0, before, 0, p.length);
            adam.step(p, stepGrad);
            for (int j = 0; j < p.length; j++) {
                p[j] = before[j] + lr * (p[j] - before[j]); // Adam(lr = 1) step scaled to lr
            }
            if (Double.isNaN(first)) {
                first = batchLoss;
            }
            acc += batchLoss;
            accCount++;
            if (step % interval == 0 || step == o.steps()) {
                last = acc / accCount;
                if (progress != null) {
                    progress.report(step, last, (System.nanoTime() - start) * 1e-9);
                }
                acc = 0.0;
                accCount = 0;
            }
        }
        return new Report(first, last, (System.nanoTime() - start) * 1e-9);
    }

    /**
     * One sample's loss RMS(t − û), t = PCG_K(û) held fixed, and its gradient added to {@code grad}.
     * Scratch arrays must hold at least n entries.
     */
    static double lossAndGradient(NeuralPoissonNet net, TwoLevelSystem sys, NeuralPoissonNet.Workspace ws,
            int pcgSteps, double[] uBuf, double[] tBuf, double[] gBuf, double[] grad) {
        int n = sys.size();
        double[] u = uBuf;
        double[] t = tBuf;
        double[] g = gBuf;
        net.forward(sys, ws, u);
        System.arraycopy(u, 0, t, 0, n);
        sys.refine(t, pcgSteps, 1e-8); // stop-gradient target
        return lossAndGradient(net, sys, ws, u, t, g, grad);
    }

    /** Loss against a fixed target t, for the prediction u of the last forward on ws; adds ∂L/∂θ. */
    static double lossAndGradient(NeuralPoissonNet net, TwoLevelSystem sys, NeuralPoissonNet.Workspace ws,
            double[] u, double[] t, double[] g, double[] grad) {
        int n = sys.size();
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            double d = t[i] - u[i];
            ss += d * d;
        }
        double loss = Math.sqrt(ss / n);
        if (!(loss > 0)) {
            return loss; // exact: no gradient (RMS is not differentiable at 0)
        }
        for (int i = 0; i < n; i++) {
            g[i] = -(t[i] - u[i]) / (n * loss); // ∂L/∂û
        }
        net.backward(sys, ws, g, grad);
        return loss;
    }
}
