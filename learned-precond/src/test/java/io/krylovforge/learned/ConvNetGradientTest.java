package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reverse mode of every layer type against central finite differences, 2D and 3D, odd sizes. */
class ConvNetGradientTest {

    private static CsrMatrix laplacian(Grid g) {
        return g.nz() == 1 ? Stencils.laplacian2d(g.nx(), g.ny()) : Stencils.laplacian3d(g.nx(), g.ny(), g.nz());
    }

    /** Loss of the whole pipeline: L(θ, b) = DCDM loss of f_θ(b). */
    private static double loss(ConvNet net, ConvNet.Workspace ws, DcdmLoss l, double[] b) {
        double[] q = new double[b.length];
        net.forward(b, q, ws);
        return l.evaluate(b, q, null);
    }

    @ParameterizedTest
    @CsvSource({"5,6,1,1", "4,4,1,1", "3,4,5,1", "4,4,4,1", "7,6,1,2", "5,4,7,2"})
    void parameterAndInputGradientsMatchFiniteDifferences(int nx, int ny, int nz, int levels) {
        Grid g = new Grid(nx, ny, nz);
        Architecture arch = levels == 1 ? Architecture.dcdm(new Grid(nx, ny, nz), DcdmShape.defaults().withChannels(3).withBlocks(1, 1, 1))
                : Architecture.dcdm(new Grid(nx, ny, nz), DcdmShape.defaults().withChannels(3).withBlocks(1, 1, 1, 1, 1));
        ConvNet net = new ConvNet(arch, 7);
        Random rnd = new Random(3);
        double[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.1 * rnd.nextGaussian(); // nonzero biases too, so every path carries signal
        }
        int n = g.size();
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
        }
        CsrMatrix a = laplacian(g);
        DcdmLoss l = new DcdmLoss(a);
        ConvNet.Workspace ws = net.workspace(nx, ny, nz);
        double[] q = new double[n];
        double[] gq = new double[n];
        net.forward(b, q, ws);
        l.evaluate(b, q, gq);
        double[] gp = new double[p.length];
        double[] gb = new double[n];
        net.backward(gq, gb, gp, ws);

        double h = 1e-6;
        int checked = 0;
        double worst = 0.0;
        for (String name : net.tensorNames()) { // a few entries of every tensor
            int off = net.tensorOffset(name);
            int len = 1;
            for (int d : net.tensorShape(name)) {
                len *= d;
            }
            for (int t = 0; t < 3; t++) {
                int i = off + rnd.nextInt(len);
                double keep = p[i];
                p[i] = keep + h;
                double lp = loss(net, ws, l, b);
                p[i] = keep - h;
                double lm = loss(net, ws, l, b);
                p[i] = keep;
                double fd = (lp - lm) / (2 * h);
                double err = Math.abs(fd - gp[i]) / Math.max(1e-3, Math.abs(fd) + Math.abs(gp[i]));
                worst = Math.max(worst, err);
                checked++;
            }
        }
        for (int t = 0; t < 8; t++) {
            int i = rnd.nextInt(n);
            double keep = b[i];
            b[i] = keep + h;
            double lp = loss(net, ws, l, b);
            b[i] = keep - h;
            double lm = loss(net, ws, l, b);
            b[i] = keep;
            // L depends on b directly too; compare the network part: dL/db = J^T gq + ∂L/∂b|_q
            double[] qq = new double[n];
            net.forward(b, qq, ws);
            double direct = directDerivative(l, b, qq, i, h);
            double fd = (lp - lm) / (2 * h) - direct;
            double err = Math.abs(fd - gb[i]) / Math.max(1e-3, Math.abs(fd) + Math.abs(gb[i]));
            worst = Math.max(worst, err);
            checked++;
        }
        assertTrue(checked > 20);
        assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    }

    /** ∂L/∂b_i with q held fixed. */
    private static double directDerivative(DcdmLoss l, double[] b, double[] q, int i, double h) {
        double keep = b[i];
        b[i] = keep + h;
        double lp = l.evaluate(b, q, null);
        b[i] = keep - h;
        double lm = l.evaluate(b, q, null);
        b[i] = keep;
        return (lp - lm) / (2 * h);
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        Grid g = new Grid(6, 5, 1);
        DcdmLoss l = new DcdmLoss(laplacian(g));
        Random rnd = new Random(11);
        int n = g.size();
        double[] b = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
            q[i] = rnd.nextGaussian();
        }
        double[] gq = new double[n];
        l.evaluate(b, q, gq);
        for (int i = 0; i < n; i++) {
            double keep = q[i];
            q[i] = keep + 1e-6;
            double lp = l.evaluate(b, q, null);
            q[i] = keep - 1e-6;
            double lm = l.evaluate(b, q, null);
            q[i] = keep;
            assertEquals((lp - lm) / 2e-6, gq[i], 1e-6 * Math.max(1.0, Math.abs(gq[i])));
        }
    }

    @Test
    void lossIsScaleInvariantAndZeroForTheExactSolution() {
        Grid g = new Grid(5, 5, 1);
        CsrMatrix a = laplacian(g);
        DcdmLoss l = new DcdmLoss(a);
        int n = g.size();
        double[] xs = new double[n];
        Random rnd = new Random(2);
        for (int i = 0; i < n; i++) {
            xs[i] = rnd.nextGaussian();
        }
        double[] b = new double[n];
        a.apply(xs, b);
        double[] q = xs.clone();
        for (int i = 0; i < n; i++) {
            q[i] *= -3.5; // any multiple of A^-1 b is a perfect direction
        }
        assertEquals(0.0, l.evaluate(b, q, null), 1e-20);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextGaussian();
        }
        double l1 = l.evaluate(b, y, null);
        for (int i = 0; i < n; i++) {
            y[i] *= 1e3;
        }
        assertEquals(l1, l.evaluate(b, y, null), 1e-10 * l1);
    }
}
