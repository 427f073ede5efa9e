package io.krylovforge.solvers.recycle.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortTest {
    static void assertPermutation(int[] p, int n) {
        assertEquals(n, p.length);
        boolean[] seen = new boolean[n];
        for (int i : p) {
            assertTrue(i >= 0 && i < n && !seen[i], "not a permutation at " + i);
            seen[i] = true;
        }
    }

    @Test
    void greedyOnOneDimensionalPointsGivesSortedOrder() {
        Random rnd = new Random(1);
        int n = 300;
        double[] vals = new double[n];
        vals[0] = -1.0; // start point is the minimum, so the nearest-neighbour chain walks upward
        for (int i = 1; i < n; i++) {
            vals[i] = rnd.nextDouble();
        }
        double[][] params = new double[n][];
        for (int i = 0; i < n; i++) {
            params[i] = new double[] {vals[i]};
        }
        int[] order = new GreedySort().order(params);
        assertPermutation(order, n);
        assertEquals(0, order[0]);
        for (int i = 1; i < n; i++) {
            assertTrue(vals[order[i - 1]] <= vals[order[i]], "not sorted at " + i);
        }
    }

    @Test
    void greedyStartsAtZeroAndHandlesTinyInputs() {
        assertArrayEquals(new int[0], new GreedySort().order(new double[0][]));
        assertArrayEquals(new int[] {0}, new GreedySort().order(new double[][] {{3.0}}));
        assertArrayEquals(new int[] {0, 2, 1}, new GreedySort().order(new double[][] {{0}, {5}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new GreedySort().order(new double[][] {{0}, {1, 2}}));
    }

    /** 4000 points in 40 tight clusters in 16-D: the scalable order is close to greedy and far from random. */
    @Test
    void scalablePathIsCloseToGreedyOnClusteredData() {
        Random rnd = new Random(42);
        int n = 4000;
        int d = 16;
        int clusters = 40;
        double[][] centers = new double[clusters][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = 10 * rnd.nextGaussian();
            }
        }
        double[][] params = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centers[rnd.nextInt(clusters)];
            for (int j = 0; j < d; j++) {
                params[i][j] = c[j] + 0.1 * rnd.nextGaussian();
            }
        }
        int[] greedy = new GreedySort().order(params);
        int[] scalable = new ScalableSort(500, 7).order(params);
        assertPermutation(greedy, n);
        assertPermutation(scalable, n);
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        double lg = SequenceSorter.pathLength(params, greedy);
        double ls = SequenceSorter.pathLength(params, scalable);
        double lr = SequenceSorter.pathLength(params, identity);
        assertTrue(ls <= 1.5 * lg, "scalable " + ls + " vs greedy " + lg);
        assertTrue(ls < 0.2 * lr, "scalable " + ls + " vs unsorted " + lr);
        // deterministic for a seed
        assertArrayEquals(scalable, new ScalableSort(500, 7).order(params));
    }

    @Test
    void hilbertIndexIsABijectionWithUnitSteps() {
        int side = 16;
        int[] xs = new int[side * side];
        int[] ys = new int[side * side];
        boolean[] seen = new boolean[side * side];
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                int h = (int) ScalableSort.hilbert(side, x, y);
                assertTrue(!seen[h]);
                seen[h] = true;
                xs[h] = x;
                ys[h] = y;
            }
        }
        for (int h = 1; h < side * side; h++) {
            assertEquals(1, Math.abs(xs[h] - xs[h - 1]) + Math.abs(ys[h] - ys[h - 1]), "jump at " + h);
        }
    }

    @Test
    void smallInputFallsBackToGreedy() {
        double[][] params = {{0}, {5}, {1}, {4}};
        assertArrayEquals(new GreedySort().order(params), new ScalableSort(10, 1).order(params));
        assertThrows(IllegalArgumentException.class, () -> new ScalableSort(0, 1));
    }
}
