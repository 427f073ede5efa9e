package io.krylovforge.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a {@link ConvNet}: spatial dimension (2 or 3), channel width, the grid it was
 * trained on, and the layer list (slots in single-assignment form, see {@link Layer}). The layers
 * are fully convolutional, so a net runs on any grid of its dimension; the training grid is kept
 * as information and as the default problem of shipped weights.
 *
 * <p>The DCDM U-Net (Kaneda et al., ICML 2023, code {@code src/train.py}) is built by
 * {@link #dcdm(Grid, DcdmShape)}: a linear first convolution, {@code pre} residual blocks at full resolution, a 2×
 * average pool, {@code mid} residual blocks at half resolution, a 2× nearest upsample plus skip
 * add of the last full-resolution slot, {@code post} residual blocks, and a final 1×1 linear map to
 * one channel. A residual block is {@code t = relu(conv(h)); h = relu(conv(t)) + h}. The paper's
 * N = 64 net is {@link DcdmShape#paper()} (16 channels, blocks (2, 3, 2)), its N = 128 net blocks
 * {@code (3, 5, 3)}; the CPU default {@link #cpuDefault(Grid)} is {@code (1, 2, 1)}.
 *
 * @param spatialDims 2 or 3
 * @param channels    convolution width (DCDM: 16)
 * @param gridX       training grid size in x
 * @param gridY       training grid size in y
 * @param gridZ       training grid size in z (1 in 2D)
 * @param layers      the layer list; the last layer's output is the net's output (1 channel)
 */
public record Architecture(int spatialDims, int channels, int gridX, int gridY, int gridZ, List<Layer> layers) {

    /**
     * Validates the architecture and copies the layer list.
     *
     * @param spatialDims 2 or 3
     * @param channels    convolution width (DCDM: 16)
     * @param gridX       training grid size in x
     * @param gridY       training grid size in y
     * @param gridZ       training grid size in z (1 in 2D)
     * @param layers      the layer list; the last layer's output is the net's output (1 channel)
     * @throws IllegalArgumentException for a dimension other than 2 or 3, a bad grid or channel
     *        count, or no layers
     */
    public Architecture {
        if (spatialDims != 2 && spatialDims != 3) {
            throw new IllegalArgumentException("spatialDims must be 2 or 3, got " + spatialDims);
        }
        if (channels < 1 || gridX < 1 || gridY < 1 || gridZ < 1 || spatialDims == 2 && gridZ != 1) {
            throw new IllegalArgumentException("bad architecture: channels=" + channels + ", grid="
                    + gridX + "x" + gridY + "x" + gridZ + " (" + spatialDims + "D)");
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("architecture has no layers");
        }
        int[] ch = new int[layers.size() + 1];
        int[] level = new int[layers.size() + 1];
        ch[0] = 1;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.src() > i || l.add() > i) {
                throw new IllegalArgumentException("layer " + i + " " + l + " reads a slot it has not seen"
                        + " (slots 0.." + i + ")");
            }
            int c = l.kind() == Layer.Kind.POOL || l.kind() == Layer.Kind.UPSAMPLE ? ch[l.src()] : l.outChannels();
            if (c != l.outChannels()) {
                throw new IllegalArgumentException("layer " + i + " " + l + " must keep " + ch[l.src()] + " channels");
            }
            int lv = level[l.src()] + (l.kind() == Layer.Kind.POOL ? 1 : l.kind() == Layer.Kind.UPSAMPLE ? -1 : 0);
            if (lv < 0) {
                throw new IllegalArgumentException("layer " + i + " " + l + " upsamples above the input level");
            }
            if (l.add() >= 0 && (ch[l.add()] != c || level[l.add()] != lv)) {
                throw new IllegalArgumentException("layer " + i + " " + l + " adds slot " + l.add()
                        + " of another shape");
            }
            ch[i + 1] = c;
            level[i + 1] = lv;
        }
        if (ch[layers.size()] != 1 || level[layers.size()] != 0) {
            throw new IllegalArgumentException("the last layer must give 1 channel at full resolution");
        }
    }

    /**
     * The DCDM U-Net of {@code shape} for {@code grid} (see the class comment): 2D when
     * {@code grid.nz() == 1}, else 3D. With L ≥ 1 pooling levels the shape's 2L + 1 block counts are
     * {@code (down_0, …, down_{L-1}, coarse, up_{L-1}, …, up_0)}: down_l blocks run at level l
     * before its 2× pool, coarse at level L, and up_l at level l after the upsample plus skip add of
     * level l's last down slot. L = 1 is the paper's net. More levels widen the receptive field
     * (each conv at level l reaches 2^l fine cells), which the paper's one-level net lacks on large
     * grids.
     *
     * @param grid  the training grid (its dimension is the net's)
     * @param shape channel width and block counts
     * @return the architecture
     */
    public static Architecture dcdm(Grid grid, DcdmShape shape) {
        return build(grid.spatialDims(), shape.channels(), shape.blockCounts(), grid.nx(), grid.ny(), grid.nz());
    }

    /**
     * The CPU default ({@link DcdmShape#defaults()}: 16 channels, blocks (1, 2, 1)) for {@code grid}.
     *
     * @param grid the training grid
     * @return the architecture
     */
    public static Architecture cpuDefault(Grid grid) {
        return dcdm(grid, DcdmShape.defaults());
    }

    /**
     * The DCDM U-Net with the given residual block counts.
     *
     * @param spatialDims 2 or 3
     * @param channels    convolution width
     * @param pre         blocks before the pool
     * @param mid         blocks at half resolution
     * @param post        blocks after the upsample
     * @param gridX       training grid size in x
     * @param gridY       training grid size in y
     * @param gridZ       training grid size in z (1 in 2D)
     * @return the architecture
     * @deprecated eight positional ints; use {@link #dcdm(Grid, DcdmShape)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static Architecture dcdm(int spatialDims, int channels, int pre, int mid, int post,
            int gridX, int gridY, int gridZ) {
        return build(spatialDims, channels, new int[] {pre, mid, post}, gridX, gridY, gridZ);
    }

    /**
     * The CPU default: 16 channels, blocks (1, 2, 1).
     *
     * @param spatialDims 2 or 3
     * @param gridX       training grid size in x
     * @param gridY       training grid size in y
     * @param gridZ       training grid size in z (1 in 2D)
     * @return the architecture
     * @deprecated positional ints; use {@link #cpuDefault(Grid)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static Architecture cpuDefault(int spatialDims, int gridX, int gridY, int gridZ) {
        return build(spatialDims, 16, new int[] {1, 2, 1}, gridX, gridY, gridZ);
    }

    private static Architecture build(int spatialDims, int channels, int[] blocks, int gridX, int gridY, int gridZ) {
        if (blocks.length < 3 || blocks.length % 2 == 0) {
            throw new IllegalArgumentException("blocks wants 2L + 1 counts (down per level, coarse, up per level);"
                    + " got " + blocks.length);
        }
        for (int b : blocks) {
            if (b < 0) {
                throw new IllegalArgumentException("block counts must be >= 0, got " + Arrays.toString(blocks));
            }
        }
        int levels = (blocks.length - 1) / 2;
        List<Layer> ls = new ArrayList<>();
        int h = addLayer(ls, new Layer(Layer.Kind.CONV, 0, -1, channels, false)); // linear first conv
        int[] skip = new int[levels];
        for (int l = 0; l < levels; l++) {
            h = blocks(ls, h, blocks[l], channels);
            skip[l] = h;
            h = addLayer(ls, new Layer(Layer.Kind.POOL, h, -1, channels, false));
        }
        h = blocks(ls, h, blocks[levels], channels);
        for (int l = levels - 1; l >= 0; l--) {
            h = addLayer(ls, new Layer(Layer.Kind.UPSAMPLE, h, skip[l], channels, false));
            h = blocks(ls, h, blocks[blocks.length - 1 - l], channels);
        }
        addLayer(ls, new Layer(Layer.Kind.DENSE, h, -1, 1, false));
        return new Architecture(spatialDims, channels, gridX, gridY, gridZ, ls);
    }

    private static int blocks(List<Layer> ls, int h, int count, int c) {
        for (int b = 0; b < count; b++) {
            int t = addLayer(ls, new Layer(Layer.Kind.CONV, h, -1, c, true));
            h = addLayer(ls, new Layer(Layer.Kind.CONV, t, h, c, true));
        }
        return h;
    }

    private static int addLayer(List<Layer> ls, Layer l) {
        ls.add(l);
        return ls.size(); // the slot this layer writes
    }

    /** Channels of every slot (slot 0 = input). */
    int[] slotChannels() {
        int[] ch = new int[layers.size() + 1];
        ch[0] = 1;
        for (int i = 0; i < layers.size(); i++) {
            ch[i + 1] = layers.get(i).outChannels();
        }
        return ch;
    }

    /** Resolution level of every slot (0 = input grid, +1 per pool). */
    int[] slotLevels() {
        int[] lv = new int[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            lv[i + 1] = lv[l.src()] + (l.kind() == Layer.Kind.POOL ? 1 : l.kind() == Layer.Kind.UPSAMPLE ? -1 : 0);
        }
        return lv;
    }

    /** Kernel depth: 3 in 3D, 1 in 2D (a 2D grid is a 3D grid with nz = 1). */
    int kernelDepth() {
        return spatialDims == 3 ? 3 : 1;
    }

    /** One line per layer, for reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(spatialDims).append("D, ").append(channels).append(" channels, trained on ")
                .append(gridX).append('x').append(gridY);
        if (spatialDims == 3) {
            sb.append('x').append(gridZ);
        }
        sb.append('\n');
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  slot ").append(i + 1).append(" = ").append(layers.get(i)).append('\n');
        }
        return sb.toString();
    }
}
