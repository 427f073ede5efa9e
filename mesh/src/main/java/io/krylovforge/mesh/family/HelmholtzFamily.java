package io.krylovforge.mesh.family;

import io.krylovforge.mesh.grid.CoefficientScheme;
import io.krylovforge.mesh.grid.GridSystem;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Helmholtz-type problem −∇·(K∇u) − k²u = 1 on [0,1]², u = 0 on the boundary: the
 * {@link DarcyFamily} operator with the diagonal shifted by −h²k² (SKR App. D.2), K = exp(GRF) and
 * k ~ U(0, kMax). The SKR code draws k ~ U(0, 1), which keeps the operator positive definite; the
 * smallest eigenvalue of −∇·(K∇·) is about 2π²·K, so kMax ≳ 5 (for K ≈ 1) makes samples
 * indefinite, where CG no longer applies. Sort key: the s×s field K followed by k.
 *
 * <p>Reference: Wang et al. (SKR), ICLR 2024, App. D.2.
 */
public final class HelmholtzFamily implements PdeFamily {
    private final DarcyFamily darcy;
    private final double kMax;
    private final int s;

    /**
     * @param s      nodes per side including the boundary
     * @param scheme face-coefficient scheme
     * @param kMax   upper end of the wavenumber range (≥ 0)
     */
    public HelmholtzFamily(int s, CoefficientScheme scheme, double kMax) {
        if (!(kMax >= 0) || !Double.isFinite(kMax)) {
            throw new IllegalArgumentException("kMax must be finite and >= 0, got " + kMax);
        }
        this.darcy = new DarcyFamily(s, scheme);
        this.kMax = kMax;
        this.s = s;
    }

    @Override
    public String name() {
        return darcy.symmetric() ? "helmholtz" : "helmholtz-skr";
    }

    @Override
    public int size() {
        return darcy.size();
    }

    @Override
    public boolean fixedMatrix() {
        return false;
    }

    @Override
    public boolean symmetric() {
        return darcy.symmetric();
    }

    /** {@return the largest wave number k of the samples} */
    public double kMax() {
        return kMax;
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        double[] field = darcy.sampleField(random);
        double k = kMax * random.nextDouble();
        GridSystem sys = darcy.assemble(field, -k * k);
        double[] params = Arrays.copyOf(field, field.length + 1);
        params[field.length] = k;
        return new PdeInstance(name(), -1, sys.a(), sys.b(), params, new int[] {params.length}, sys);
    }
}
