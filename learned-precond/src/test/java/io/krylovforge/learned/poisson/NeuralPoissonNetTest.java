package io.krylovforge.learned.poisson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuralPoissonNetTest {
    private static final PoissonSamples.Sample SMALL = PoissonSamples.sample(0, 0.12, 42L);

    /** Loss against the fixed target t: RMS(t − û(θ)). */
    private static double loss(NeuralPoissonNet net, TwoLevelSystem sys, double[] t) {
        double[] u = net.predict(sys);
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (t[i] - u[i]) * (t[i] - u[i]);
        }
        return Math.sqrt(s / u.length);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        TwoLevelSystem sys = SMALL.system();
        int n = sys.size();
        // random weights of moderate size, so every path (skip, tanh, scale s) carries gradient
        NeuralPoissonNet net = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16), 5L);
        SplittableRandom rnd = new SplittableRandom(9L);
        double[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * (rnd.nextDouble() - 0.5);
        }
        NeuralPoissonNet.Workspace ws = new NeuralPoissonNet.Workspace(net, n);
        double[] u = new double[n];
        net.forward(sys, ws, u);
        double[] t = u.clone();
        sys.refine(t, 5, 1e-12); // the stop-gradient target, held fixed
        double[] grad = new double[p.length];
        double l0 = NeuralPoissonTrainer.lossAndGradient(net, sys, ws, u, t, new double[n], grad);
        assertEquals(loss(net, sys, t), l0, 1e-15 * Math.max(1, l0));
        double worst = 0;
        double eps = 1e-6;
        for (int k = 0; k < p.length; k++) {
            double keep = p[k];
            p[k] = keep + eps;
            double lp = loss(net, sys, t);
            p[k] = keep - eps;
            double lm = loss(net, sys, t);
            p[k] = keep;
            double fd = (lp - lm) / (2 * eps);
            double err = Math.abs(fd - grad[k]) / Math.max(1e-6 * l0, Math.abs(fd) + Math.abs(grad[k]));
            worst = Math.max(worst, err);
        }
        assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
        double norm = 0;
        for (double g : grad) {
            norm += g * g;
        }
        assertTrue(norm > 0, "gradient is not identically zero");
    }

    @Test
    void predictionIsHomogeneousInTheRightHandSide() {
        TwoLevelSystem sys = SMALL.system();
        double[] b = sys.rhs();
        double[] mb = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            mb[i] = -2.5 * b[i];
        }
        NeuralPoissonNet net = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16), 3L);
        double[] u = net.predict(sys);
        double[] v = net.predict(new TwoLevelSystem(SMALL.fem().a(), mb));
        for (int i = 0; i < u.length; i++) {
            assertEquals(-2.5 * u[i], v[i], 1e-12 * (1 + Math.abs(u[i])));
        }
    }

    @Test
    void coarseCorrectionIsSymmetricAndAProjection() {
        TwoLevelSystem sys = SMALL.system();
        int n = sys.size();
        SplittableRandom rnd = new SplittableRandom(1L);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() - 0.5;
            y[i] = rnd.nextDouble() - 0.5;
        }
        double[] cx = new double[n];
        double[] cy = new double[n];
        sys.coarseCorrection(x, cx);
        sys.coarseCorrection(y, cy);
        double a = 0;
        double b = 0;
        for (int i = 0; i < n; i++) {
            a += y[i] * cx[i];
            b += x[i] * cy[i];
        }
        assertEquals(a, b, 1e-12 * Math.abs(a), "C = P A_c⁻¹ Pᵀ is symmetric");
        // C A is the A-orthogonal projection onto range(P): (C A)² x = C A x
        double[] ax = new double[n];
        double[] q = new double[n];
        double[] q2 = new double[n];
        sys.multiply(x, ax);
        sys.coarseCorrection(ax, q);
        sys.multiply(q, ax);
        sys.coarseCorrection(ax, q2);
        double diff = 0;
        double size = 0;
        for (int i = 0; i < n; i++) {
            diff = Math.max(diff, Math.abs(q2[i] - q[i]));
            size = Math.max(size, Math.abs(q[i]));
        }
        assertTrue(diff < 1e-10 * size, "projection defect " + diff);
        assertTrue(sys.coarseSize() > 1 && sys.coarseSize() < n / 3, "coarse size " + sys.coarseSize() + " of " + n);
    }

    @Test
    void trainingIsReproducibleAndLowersTheLoss() {
        List<PoissonSamples.Sample> data = PoissonSamples.generate(3, 0.12, 5L);
        NeuralPoissonTrainer.Options o = new NeuralPoissonTrainer.Options(3, 0.12, 2, 16, 100, 2, 2e-3, 20, 5L);
        NeuralPoissonNet a = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16), 5L);
        NeuralPoissonNet b = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16), 5L);
        double before = meanError(a, data);
        NeuralPoissonTrainer.train(a, data, o, null);
        NeuralPoissonTrainer.train(b, data, o, null);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0, "same seed, same weights");
        double after = meanError(a, data);
        assertTrue(after < 0.5 * before, "mean relative error vs the converged solution " + before + " -> " + after);
    }

    /** Mean ‖û − u‖/‖u‖ with u from Jacobi-PCG at rtol 1e-12 (the labels training never sees). */
    static double meanError(NeuralPoissonNet net, List<PoissonSamples.Sample> data) {
        double sum = 0;
        for (PoissonSamples.Sample s : data) {
            TwoLevelSystem sys = s.system();
            double[] u = new double[sys.size()];
            sys.refine(u, 100_000, 1e-12);
            double[] uh = net.predict(sys);
            double d = 0;
            double t = 0;
            for (int i = 0; i < u.length; i++) {
                d += (uh[i] - u[i]) * (uh[i] - u[i]);
                t += u[i] * u[i];
            }
            sum += Math.sqrt(d / t);
        }
        return sum / data.size();
    }

    @Test
    void jacobiPcgConvergesToTheTrueResidual() {
        TwoLevelSystem sys = SMALL.system();
        int n = sys.size();
        double[] x = new double[n];
        int its = sys.refine(x, 10_000, 1e-10).iterations();
        double[] r = new double[n];
        sys.residual(x, r);
        double rr = 0;
        double bb = 0;
        double[] b = sys.rhs();
        for (int i = 0; i < n; i++) {
            rr += r[i] * r[i];
            bb += b[i] * b[i];
        }
        assertTrue(Math.sqrt(rr / bb) < 2e-10, "true relative residual " + Math.sqrt(rr / bb));
        assertTrue(its > 5 && its < 10_000, "iterations " + its);
    }

    @Test
    void sizeIsValidatedAndCountsTheWeights() {
        NeuralPoissonNet.Size size = NeuralPoissonNet.Size.defaults();
        assertEquals(800, size.parameterCount()); // 2L(3H + 2) with L = 8, H = 16
        assertEquals(800, new NeuralPoissonNet(size).parameterCount());
        assertEquals(2 * 3 * (3 * 5 + 2), size.withBlocks(3).withHidden(5).parameterCount());
        assertThrows(IllegalArgumentException.class, () -> size.withBlocks(0));
        assertThrows(IllegalArgumentException.class, () -> size.withHidden(1025));
    }
}
