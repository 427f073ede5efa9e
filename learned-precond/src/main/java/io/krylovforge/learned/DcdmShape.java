package io.krylovforge.learned;

import java.util.Arrays;
import java.util.List;

/**
 * The size of a DCDM U-Net ({@link Architecture#dcdm(Grid, DcdmShape)}): convolution width and the
 * residual block counts per level, {@code (down_0, …, down_{L-1}, coarse, up_{L-1}, …, up_0)},
 * 2L + 1 counts for L ≥ 1 pooling levels. {@link #defaults()} is the CPU default (16 channels,
 * blocks (1, 2, 1)); {@link #paper()} is the paper's N = 64 net (16 channels, (2, 3, 2)).
 *
 * @param channels convolution width (≥ 1)
 * @param blocks   2L + 1 residual block counts, each ≥ 0
 */
public record DcdmShape(int channels, List<Integer> blocks) {
    /**
     * Validates the shape and copies the block counts.
     *
     * @param channels convolution width (≥ 1)
     * @param blocks   2L + 1 residual block counts (L ≥ 1), each ≥ 0
     * @throws IllegalArgumentException for a bad width or block list
     */
    public DcdmShape {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        blocks = List.copyOf(blocks);
        if (blocks.size() < 3 || blocks.size() % 2 == 0) {
            throw new IllegalArgumentException("blocks wants 2L + 1 counts (down per level, coarse, up per level);"
                    + " got " + blocks.size());
        }
        for (int b : blocks) {
            if (b < 0) {
                throw new IllegalArgumentException("block counts must be >= 0, got " + blocks);
            }
        }
    }

    /** {@return the CPU default: 16 channels, blocks (1, 2, 1), 9 convolutions} */
    public static DcdmShape defaults() {
        return new DcdmShape(16, List.of(1, 2, 1));
    }

    /** {@return the paper's N = 64 net: 16 channels, blocks (2, 3, 2)} */
    public static DcdmShape paper() {
        return new DcdmShape(16, List.of(2, 3, 2));
    }

    /**
     * @param channels convolution width (≥ 1)
     * @return a copy with this width
     */
    public DcdmShape withChannels(int channels) {
        return new DcdmShape(channels, blocks);
    }

    /**
     * @param counts 2L + 1 residual block counts, each ≥ 0: {@code (pre, mid, post)} for one level
     * @return a copy with these block counts
     */
    public DcdmShape withBlocks(int... counts) {
        return new DcdmShape(channels, Arrays.stream(counts).boxed().toList());
    }

    /** {@return the number of pooling levels L} */
    public int levels() {
        return (blocks.size() - 1) / 2;
    }

    /** {@return the block counts as a new array} */
    public int[] blockCounts() {
        return blocks.stream().mapToInt(Integer::intValue).toArray();
    }
}
