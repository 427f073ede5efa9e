package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import org.junit.jupiter.api.Test;

/** Label-free training: the loss goes down, a seed reproduces the weights, the data is sound. */
class DcdmTrainerTest {
    private static final Grid GRID = new Grid(12, 10, 1);
    private static final CsrMatrix A = Stencils.laplacian2d(12, 10);

    private static DcdmTrainer.Options tiny(int epochs) {
        return new DcdmTrainer.Options(40, 60, epochs, 5, 3e-3, 5);
    }

    @Test
    void lossDecreasesDuringAShortRun() {
        ConvNet net = new ConvNet(Architecture.dcdm(new Grid(12, 10, 1), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1)), 5);
        DcdmTrainer.Report rep = new DcdmTrainer(A, GRID).train(net, tiny(4), null);
        double[] val = rep.validationLoss();
        assertEquals(5, val.length);
        assertTrue(val[4] < 0.6 * val[0], "validation loss " + java.util.Arrays.toString(val));
        assertTrue(rep.trainLoss()[3] < rep.trainLoss()[0], "train loss " + java.util.Arrays.toString(rep.trainLoss()));
        assertEquals(60, rep.samples());
    }

    @Test
    void threeDimensionalNetTrainsAndSolves() {
        Grid g = Grid.cube(6);
        CsrMatrix a3 = Stencils.laplacian3d(6, 6, 6);
        ConvNet net = new ConvNet(Architecture.dcdm(new Grid(6, 6, 6), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1)), 2);
        DcdmTrainer.Report rep = new DcdmTrainer(a3, g).train(net, new DcdmTrainer.Options(40, 60, 3, 5, 3e-3, 2), null);
        double[] val = rep.validationLoss();
        assertTrue(val[3] < 0.7 * val[0], "validation loss " + java.util.Arrays.toString(val));
        double[] b = new double[g.size()];
        java.util.Random r = new java.util.Random(8);
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] x = new double[b.length];
        io.krylovforge.core.solve.SolveResult res = new Dcdm(net, g).solve(a3,
                io.krylovforge.core.linalg.DenseVector.wrap(b), io.krylovforge.core.linalg.DenseVector.wrap(x),
                io.krylovforge.core.solve.SolverOptions.defaults().withRtol(1e-6).withMaxIterations(300));
        // a 3-epoch net of width 4 is too weak to converge: DCDM must say so, with the true residual
        assertEquals(io.krylovforge.core.solve.StopReason.DIVERGED_STAGNATION, res.reason());
        double[] ax = new double[b.length];
        a3.apply(x, ax);
        RitzVectors.axpy(-1.0, b, ax);
        assertEquals(RitzVectors.norm(ax), res.residualNorm(), 1e-12);
        assertTrue(res.residualNorm() < 0.9 * RitzVectors.norm(b));
        assertTrue(DcdmTest.energyError(a3, b, x) < DcdmTest.energyError(a3, b, new double[b.length]));
    }

    @Test
    void sameSeedSameWeights() {
        ConvNet n1 = new ConvNet(Architecture.dcdm(new Grid(12, 10, 1), DcdmShape.defaults().withChannels(3).withBlocks(1, 1, 1)), 9);
        ConvNet n2 = new ConvNet(Architecture.dcdm(new Grid(12, 10, 1), DcdmShape.defaults().withChannels(3).withBlocks(1, 1, 1)), 9);
        new DcdmTrainer(A, GRID).train(n1, tiny(1), null);
        new DcdmTrainer(A, GRID).train(n2, tiny(1), null);
        assertArrayEquals(n1.parameters(), n2.parameters());
        ConvNet n3 = new ConvNet(Architecture.dcdm(new Grid(12, 10, 1), DcdmShape.defaults().withChannels(3).withBlocks(1, 1, 1)), 10);
        new DcdmTrainer(A, GRID).train(n3, tiny(1), null);
        assertTrue(n1.parameters()[0] != n3.parameters()[0]);
    }

    @Test
    void trainingVectorsAreUnitAndLeanToTheLowSpectrum() {
        double[][] v = new DcdmTrainer(A, GRID).trainingVectors(new DcdmTrainer.Options(60, 30, 1, 1, 1e-3, 3));
        assertEquals(30, v.length);
        double rayleighSum = 0.0;
        double[] av = new double[GRID.size()];
        for (double[] b : v) {
            assertEquals(1.0, RitzVectors.norm(b), 1e-12);
            A.apply(b, av);
            rayleighSum += RitzVectors.dot(b, av);
        }
        // equal weights would give about the mean Ritz value; weight 81x on the low half pulls it well below
        double[] ritz = RitzVectors.compute(A, 60, 3).values();
        double mean = 0.0;
        for (double l : ritz) {
            mean += l / ritz.length;
        }
        assertTrue(rayleighSum / v.length < 0.6 * mean, "mean Rayleigh quotient " + rayleighSum / v.length
                + ", mean Ritz value " + mean);
    }

    @Test
    void ritzPairsAreEigenpairsWhenLanczosRunsToTheEnd() {
        CsrMatrix a = Stencils.laplacian2d(5, 7);
        RitzVectors.Pairs p = RitzVectors.compute(a, 35, 1);
        double exactMin = 4 - 2 * Math.cos(Math.PI / 6) - 2 * Math.cos(Math.PI / 8);
        double exactMax = 4 + 2 * Math.cos(Math.PI / 6) + 2 * Math.cos(Math.PI / 8);
        assertEquals(exactMin, p.values()[0], 1e-10);
        assertEquals(exactMax, p.values()[p.values().length - 1], 1e-10);
        double[] ay = new double[35];
        for (int i = 0; i < p.values().length; i++) {
            a.apply(p.vectors()[i], ay);
            RitzVectors.axpy(-p.values()[i], p.vectors()[i], ay);
            assertTrue(RitzVectors.norm(ay) < 1e-8, "Ritz residual " + RitzVectors.norm(ay) + " at " + i);
            if (i > 0) {
                assertTrue(p.values()[i] >= p.values()[i - 1]);
            }
        }
    }

    @Test
    void rejectsMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> new DcdmTrainer(A, new Grid(5, 5, 1)));
        ConvNet net3 = new ConvNet(Architecture.dcdm(new Grid(4, 4, 4), DcdmShape.defaults().withChannels(2).withBlocks(1, 1, 1)), 1);
        assertThrows(IllegalArgumentException.class, () -> new DcdmTrainer(A, GRID).train(net3, tiny(1), null));
        assertThrows(IllegalArgumentException.class, () -> new DcdmTrainer.Options(40, 60, 1, 0, 1e-3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 0.0));
    }
}
