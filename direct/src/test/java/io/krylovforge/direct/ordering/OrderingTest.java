package io.krylovforge.direct.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderingTest {

    private static void assertPermutation(int[] p, int n) {
        assertEquals(n, p.length);
        boolean[] seen = new boolean[n];
        for (int v : p) {
            assertTrue(v >= 0 && v < n && !seen[v]);
            seen[v] = true;
        }
    }

    private static long fill(SymmetricPattern g, Ordering o) {
        int[] p = o.order(g);
        assertPermutation(p, g.size());
        return SymbolicAnalysis.of(g, p).factorNonzeros();
    }

    @Test
    void amdAndNestedDissectionCutFillOnA2dGrid() {
        SymmetricPattern g = SymmetricPattern.of(Stencils.laplacian2d(64, 64));
        long natural = fill(g, Ordering.natural());
        long amd = fill(g, Ordering.amd());
        long nd = fill(g, Ordering.nestedDissection(GridShape.of(64, 64)));
        long rcm = fill(g, Ordering.reverseCuthillMcKee());
        // natural = banded, about n·nx; AMD and ND are O(n log n)
        assertTrue(amd < natural / 2, "amd " + amd + " natural " + natural);
        assertTrue(nd < natural / 2, "nd " + nd + " natural " + natural);
        assertTrue(rcm <= natural * 11 / 10, "rcm " + rcm);
    }

    @Test
    void nestedDissectionNeedsFewerFlopsThanAmdOnA3dGrid() {
        SymmetricPattern g = SymmetricPattern.of(Stencils.laplacian3d(32, 32, 32));
        Ordering nd = Ordering.nestedDissection(GridShape.of(32, 32, 32));
        double[] amd = SymbolicAnalysis.estimate(g, Ordering.amd().order(g));
        double[] ndEstimate = SymbolicAnalysis.estimate(g, nd.order(g));
        assertTrue(ndEstimate[1] < 0.8 * amd[1], "nd " + ndEstimate[1] + " amd " + amd[1]);
        // the cheap estimate agrees with the full analysis
        assertEquals(SymbolicAnalysis.of(g, nd.order(g)).factorNonzeros(), (long) ndEstimate[0]);
        // and fewestFlops picks nested dissection here
        int[] chosen = Ordering.fewestFlops(Ordering.amd(), nd).order(g);
        assertEquals(ndEstimate[1], SymbolicAnalysis.estimate(g, chosen)[1]);
    }

    @Test
    void graphNestedDissectionBeatsAmdAndTheGeometricOneOnGrids() {
        SymmetricPattern g3 = SymmetricPattern.of(Stencils.laplacian3d(24, 24, 24));
        double[] nd = SymbolicAnalysis.estimate(g3, Ordering.nestedDissection().order(g3));
        double[] amd = SymbolicAnalysis.estimate(g3, Ordering.amd().order(g3));
        double[] geo = SymbolicAnalysis.estimate(g3,
                Ordering.nestedDissection(GridShape.of(24, 24, 24)).order(g3));
        assertTrue(nd[1] < 0.7 * amd[1], "nd " + nd[1] + " amd " + amd[1]);
        assertTrue(nd[1] < geo[1], "nd " + nd[1] + " geometric " + geo[1]);
        SymmetricPattern g2 = SymmetricPattern.of(Stencils.laplacian2d(128, 128));
        double[] nd2 = SymbolicAnalysis.estimate(g2, Ordering.nestedDissection().order(g2));
        double[] amd2 = SymbolicAnalysis.estimate(g2, Ordering.amd().order(g2));
        assertTrue(nd2[0] < amd2[0], "nd " + nd2[0] + " amd " + amd2[0]);
    }

    @Test
    void graphNestedDissectionOrdersEveryComponentOfARandomGraph() {
        Random r = new Random(8);
        int n = 500;
        CooBuilder coo = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            coo.add(i, i, 1.0);
            if (i % 50 != 0) { // ten components of random chords
                int j = (i / 50) * 50 + r.nextInt(50);
                coo.add(i, j, 1.0);
                coo.add(j, i, 1.0);
                coo.add(i, i - 1, 1.0);
                coo.add(i - 1, i, 1.0);
            }
        }
        SymmetricPattern g = SymmetricPattern.of(coo.build());
        assertPermutation(Ordering.nestedDissection().order(g), n);
        assertPermutation(Ordering.nestedDissection().order(SymmetricPattern.of(CsrMatrix.identity(3))), 3);
    }

    @Test
    void rcmRecoversABandFromAScrambledGrid() {
        CsrMatrix lap = Stencils.laplacian2d(30, 10);
        int n = lap.rows();
        int[] shuffle = new int[n];
        for (int i = 0; i < n; i++) {
            shuffle[i] = i;
        }
        Random r = new Random(3);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffle[i];
            shuffle[i] = shuffle[j];
            shuffle[j] = t;
        }
        CooBuilder coo = new CooBuilder(n, n);
        lap.forEach((i, j, v) -> coo.add(shuffle[i], shuffle[j], v));
        SymmetricPattern g = SymmetricPattern.of(coo.build());
        int[] p = Ordering.reverseCuthillMcKee().order(g);
        assertPermutation(p, n);
        int[] inv = new int[n];
        for (int k = 0; k < n; k++) {
            inv[p[k]] = k;
        }
        int band = 0;
        for (int j = 0; j < n; j++) {
            for (int q = g.start(j); q < g.end(j); q++) {
                band = Math.max(band, Math.abs(inv[j] - inv[g.neighbour(q)]));
            }
        }
        assertTrue(band <= 12, "bandwidth " + band); // the short side is 10
    }

    @Test
    void amdOrdersADenseRowLast() {
        int n = 400;
        CooBuilder coo = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            coo.add(i, i, 4.0);
            if (i + 1 < n) {
                coo.add(i, i + 1, -1.0);
                coo.add(i + 1, i, -1.0);
            }
            if (i != 7) {
                coo.add(7, i, -0.01); // vertex 7 touches everything: dense
                coo.add(i, 7, -0.01);
            }
        }
        SymmetricPattern g = SymmetricPattern.of(coo.build());
        int[] p = Ordering.amd().order(g);
        assertPermutation(p, n);
        assertEquals(7, p[n - 1]);
        // fill stays linear: an arrow matrix ordered with its dense row last has no fill
        assertTrue(SymbolicAnalysis.of(g, p).factorNonzeros() <= 3L * n);
    }

    @Test
    void amdHandlesDisconnectedAndEmptyPatterns() {
        assertPermutation(Ordering.amd().order(SymmetricPattern.of(CsrMatrix.identity(5))), 5);
        assertPermutation(Ordering.amd().order(SymmetricPattern.of(CsrMatrix.identity(0))), 0);
        assertPermutation(Ordering.reverseCuthillMcKee()
                .order(SymmetricPattern.of(CsrMatrix.identity(4))), 4);
    }

    @Test
    void gridShapeMustMatchTheMatrix() {
        SymmetricPattern g = SymmetricPattern.of(Stencils.laplacian2d(5, 5));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Ordering.nestedDissection(GridShape.of(5, 6)).order(g));
        assertTrue(e.getMessage().contains("30"));
    }
}
