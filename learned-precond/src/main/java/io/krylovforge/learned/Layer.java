package io.krylovforge.learned;

/**
 * One layer of a {@link ConvNet}, in single-assignment form: layer i reads slot {@code src}
 * (slot 0 is the network input) and writes slot i + 1. Optional {@code add} names a slot added to
 * the result after the activation (residual add, or the skip connection of an upsample).
 *
 * @param kind        the layer type
 * @param src         input slot (&lt; this layer's own output slot)
 * @param add         slot added after the activation, or -1 for none
 * @param outChannels output channels (CONV, DENSE); equal to the input's for POOL and UPSAMPLE
 * @param relu        whether a ReLU follows the linear part (CONV only)
 */
public record Layer(Kind kind, int src, int add, int outChannels, boolean relu) {

    /** The layer types DCDM needs (Kaneda et al. 2023, §4.2 of docs/papers.md). */
    public enum Kind {
        /** 3×3 (2D) or 3×3×3 (3D) convolution with bias, "same" zero padding. */
        CONV,
        /** 2× average pool (ceil size; a partial window averages the cells it covers). */
        POOL,
        /** 2× nearest-neighbour upsample to the next finer level. */
        UPSAMPLE,
        /** 1×1 (per-cell dense) linear map with bias. */
        DENSE
    }

    /**
     * Validates the layer.
     *
     * @param kind        the layer type
     * @param src         input slot (&lt; this layer's own output slot)
     * @param add         slot added after the activation, or -1 for none
     * @param outChannels output channels (CONV, DENSE); equal to the input's for POOL and UPSAMPLE
     * @param relu        whether a ReLU follows the linear part (CONV only)
     * @throws IllegalArgumentException for a missing kind or bad indices or channel counts
     */
    public Layer {
        if (kind == null) {
            throw new IllegalArgumentException("layer kind is null");
        }
        if (src < 0 || add < -1 || outChannels < 1) {
            throw new IllegalArgumentException("bad layer " + kind + ": src=" + src + ", add=" + add
                    + ", outChannels=" + outChannels);
        }
        if (relu && kind != Kind.CONV) {
            throw new IllegalArgumentException("relu only follows a CONV layer, not " + kind);
        }
    }

    @Override
    public String toString() {
        return kind + "(src=" + src + (add >= 0 ? ", add=" + add : "") + ", out=" + outChannels
                + (relu ? ", relu" : "") + ")";
    }
}
