package io.krylovforge.direct;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LdltDebugTest {
    @Test
    void sparse() throws Exception {
        int shown = 0;
        for (int seed = 0; seed < 3000 && shown < 3; seed++) {
            Random r = new Random(seed);
            int n = 10 + r.nextInt(60);
            CooBuilder coo = new CooBuilder(n, n, n * n);
            for (int i = 0; i < n; i++) {
                coo.add(i, i, r.nextInt(3) == 0 ? 0.0 : r.nextDouble() - 0.5);
                for (int j = 0; j < i; j++) {
                    if (r.nextDouble() < 3.0 / n) {
                        double v = r.nextDouble() - 0.5;
                        coo.add(i, j, v);
                        coo.add(j, i, v);
                    }
                }
            }
            CsrMatrix a = coo.build();
            Ldlt f = Ldlt.analyze(a, Ordering.amd(), DenseKernels.java());
            if (!f.factor(a).ok()) continue;
            double[] b = TestMatrices.randomVector(n, 1);
            double[] x = new double[n];
            f.solve(b, x);
            double res = TestMatrices.relativeResidual(a, x, b);
            io.krylovforge.direct.lu.SparseLu lu = io.krylovforge.direct.lu.SparseLu.analyze(a);
            boolean luOk = lu.factor(a).ok();
            double lres = 1;
            if (luOk) { double[] xl = new double[n]; lu.solve(b, xl); lres = TestMatrices.relativeResidual(a, xl, b); }
            if (res > 1e-8 && lres < 1e-12) {
                shown++;
                System.out.printf("seed=%d n=%d sn=%d 2x2=%d pert=%d res=%.2e%n", seed, n, f.supernodes, f.twoByTwoPivots(), f.perturbedPivots(), res);
                for (int s = 0; s < f.supernodes; s++) System.out.print(f.columns(s) + "x" + f.rowCount(s) + " ");
                double[][] L = new double[n][n];
                double[][] D = new double[n][n]; double[][] Lsym = new double[n][n]; int[] belowRow = new int[n];
                int[] pos = new int[n]; // final position -> symbolic
                for (int s = 0; s < f.supernodes; s++) {
                    int c0 = f.superStart[s]; int nc = f.columns(s); int nr = f.rowCount(s); double[] l = f.panel[s];
                    for (int j = 0; j < nc; j++) {
                        pos[c0 + j] = c0 + f.localPerm[c0 + j];
                        L[c0 + j][c0 + j] = 1;
                        D[c0 + j][c0 + j] = l[j * nr + j];
                        for (int i = j + 1; i < nr; i++) {
                            int row = i < nc ? c0 + i : f.rows[f.rowStart[s] + i];
                            // rows below: symbolic position; in block: pivoted position
                            if (i < nc) {
                                if (i == j + 1 && f.pivotKind[c0 + j] == 2) { D[row][c0 + j] = l[j * nr + i]; D[c0 + j][row] = l[j * nr + i]; continue; }
                                L[row][c0 + j] = l[j * nr + i];
                            } else {
                                belowRow[row] = 1; L[row][c0 + j] = Double.NaN; Lsym[row][c0 + j] = l[j * nr + i];
                            }
                        }
                    }
                }
                int[] inv = new int[n];
                for (int k = 0; k < n; k++) inv[pos[k]] = k;
                double[][] LL = new double[n][n];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { if (!Double.isNaN(L[i][j])) LL[i][j] += L[i][j]; if (Lsym[i][j] != 0) LL[inv[i]][j] += Lsym[i][j]; }
                double[] dense = new double[n * n];
                a.forEach((i, j, v) -> dense[i * n + j] = v);
                double err = 0;
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < n; p++) for (int q = 0; q < n; q++) sum += LL[i][p] * D[p][q] * LL[j][q];
                    double av = dense[f.perm[pos[i]] * n + f.perm[pos[j]]];
                    if (Math.abs(sum - av) > 1e-10) { System.out.printf("mismatch (%d,%d) %g vs %g%n", i, j, sum, av); err++; }
                }
                System.out.println("mismatches " + err);
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (Math.abs(LL[i][j]) > 1e6) System.out.printf("huge L[%d][%d] = %g (Lsym %g)%n", i, j, LL[i][j], Lsym[i][j]);
                for (int k = 0; k < n; k++) System.out.printf("pos %d kind %d sym %d D %.4f off %.4f L: %s%n", k, f.pivotKind[k], pos[k], D[k][k], k + 1 < n ? D[k+1][k] : 0, java.util.Arrays.toString(java.util.Arrays.stream(LL[k]).mapToObj(v -> String.format("%.3f", v)).toArray()));
                System.out.println();
                a.forEach((i, j, v) -> { if (j <= i) System.out.printf("(%d,%d)=%.3f ", i, j, v); });
                System.out.println();
            }
        }
    }
}
