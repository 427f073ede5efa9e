package io.krylovforge.learned;

import io.krylovforge.core.linalg.LinearOperator;
import java.util.Arrays;

/**
 * DCDM's scale-invariant, label-free loss for one training vector b and network output q:
 * α = qᵀb / qᵀAq (the exact line-search step along q in the A-norm), L = ‖b − αAq‖².
 * Its gradient, with r = b − αAq and t = qᵀAq (A symmetric):
 * dL/dq = −2α·A r − 2 (Aq)ᵀr · (b − 2αAq) / t.
 *
 * <p>Reference: Kaneda et al., ICML 2023, eq. (6)–(7) ({@code src/train.py}, "custom_loss").
 */
final class DcdmLoss {
    private final LinearOperator a;
    private final double[] aq;
    private final double[] r;
    private final double[] ar;

    DcdmLoss(LinearOperator a) {
        this.a = a;
        int n = a.rows();
        aq = new double[n];
        r = new double[n];
        ar = new double[n];
    }

    /**
     * Returns L for (b, q) and, when gq is not null, writes dL/dq into it. A degenerate q
     * (qᵀAq ≤ 0 or NaN: a zero network output) gives L = ‖b‖² and a zero gradient.
     */
    double evaluate(double[] b, double[] q, double[] gq) {
        int n = b.length;
        a.apply(q, aq); // aq = A q
        double t = 0.0;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            t += q[i] * aq[i];
            s += q[i] * b[i];
        }
        if (!(t > 0.0) || !Double.isFinite(s)) {
            if (gq != null) {
                Arrays.fill(gq, 0.0);
            }
            return RitzVectors.dot(b, b);
        }
        double alpha = s / t;
        double loss = 0.0;
        double u = 0.0;
        for (int i = 0; i < n; i++) {
            r[i] = b[i] - alpha * aq[i]; // r = b - alpha A q
            loss += r[i] * r[i];
            u += aq[i] * r[i];
        }
        if (gq != null) {
            a.apply(r, ar); // ar = A r
            double cu = 2.0 * u / t;
            for (int i = 0; i < n; i++) {
                gq[i] = -2.0 * alpha * ar[i] - cu * (b[i] - 2.0 * alpha * aq[i]);
            }
        }
        return loss;
    }
}
