package io.krylovforge.precond.amg;

/** Multigrid cycle shape: how often each level visits the next coarser one. */
public enum Cycle {
    /** One coarse-grid correction per level. */
    V(1),
    /** Two coarse-grid corrections per level. */
    W(2);

    private final int gamma;

    Cycle(int gamma) {
        this.gamma = gamma;
    }

    /** Coarse-grid visits per level (γ). */
    public int gamma() {
        return gamma;
    }
}
