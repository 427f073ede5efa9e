package io.krylovforge.learned;

/**
 * Adam on a flat parameter array: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← θ − lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂ (β₁ 0.9, β₂ 0.999, ε 1e-7 as Keras).
 *
 * <p>Reference: Kingma and Ba, Adam: A Method for Stochastic Optimization, ICLR 2015.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-7;

    private final double lr;
    private final double[] m;
    private final double[] v;
    private int t;

    /**
     * @param parameters   length of the parameter array
     * @param learningRate step size lr (&gt; 0)
     */
    public Adam(int parameters, double learningRate) {
        if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        this.lr = learningRate;
        m = new double[parameters];
        v = new double[parameters];
    }

    /** One step: theta ← theta − lr·m̂/(√v̂ + ε) for gradient g (same length). */
    public void step(double[] theta, double[] g) {
        t++;
        double c1 = 1.0 - StrictMath.pow(BETA1, t);
        double c2 = 1.0 - StrictMath.pow(BETA2, t);
        for (int i = 0, n = theta.length; i < n; i++) {
            double gi = g[i];
            m[i] = BETA1 * m[i] + (1.0 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1.0 - BETA2) * gi * gi;
            theta[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
        }
    }
}
