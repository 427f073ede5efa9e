package io.krylovforge.learned.gpu;

import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.Layer;
import io.krylovforge.learned.NetworkEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * A device-neutral plan for evaluating a {@link ConvNet} on one grid: the grid of every
 * resolution level, one {@link Step} per layer with its parameter offsets, and an assignment of
 * the layer outputs (slots) to a few reusable activation buffers. {@link DeviceConvNet}
 * allocates {@link #bufferLengths()} once and launches one kernel per step.
 *
 * <p>Semantics are those of {@link ConvNet#forward} and {@code LayerKernels}: channel-major
 * tensors (channel ch, cell (x, y, z) at {@code ch·n + (z·ny + y)·nx + x}); level l+1 has
 * ⌈nx/2⌉ × ⌈ny/2⌉ × (⌈nz/2⌉ in 3D, nz in 2D) cells; a CONV's ReLU comes before its residual add,
 * which every kernel fuses into its store (the CPU keeps a separate pre-add buffer only for
 * the gradient).
 *
 * <p>Device parameter layout ({@link #parameters()}): convolution weights are stored
 * [ci][kd·9][coPad] (output channel fastest, coPad = co rounded up to {@value #CONV_BLOCK}, the
 * padding zero) and biases padded to coPad, so a work-item making {@value #CONV_BLOCK} output
 * channels reads their weights for one input channel and tap as {@value #CONV_BLOCK} contiguous,
 * 16-byte aligned doubles (vector loads, no per-channel guard). Every tensor starts at an even
 * offset. Dense weights keep [co][ci]. The values are the net's; only their order differs.
 *
 * <p>Buffers: a slot lives from the layer that writes it to the last layer that reads it (as
 * input or as residual). A layer's output takes a free buffer of exactly its length, never one of
 * its own inputs (a convolution reads neighbours), and the inputs whose last use it was are
 * freed after it. The DCDM nets then need three or four full-resolution 16-channel buffers
 * instead of one per slot.
 */
public final class ConvNetSchedule {

    /** Output channels per work-item of the device convolution kernels (DCDM's width). */
    public static final int CONV_BLOCK = 16;

    /** Layer types as the device kernels see them. */
    public enum Op { CONV, POOL, UPSAMPLE, DENSE }

    /**
     * One kernel launch.
     *
     * @param op       what to run
     * @param in       buffer read (the layer's source slot)
     * @param add      buffer added after the activation, or -1
     * @param out      buffer written
     * @param inCh     input channels
     * @param outCh    output channels
     * @param wOff     offset of the weights in the device layout {@link #parameters()} (CONV, DENSE), else 0
     * @param bOff     offset of the biases in {@link #parameters()} (CONV, DENSE), else 0
     * @param relu     ReLU before the add (CONV)
     * @param nx       output grid x size (POOL, UPSAMPLE: the fine grid, the input resp. output)
     * @param ny       as nx
     * @param nz       as nx
     */
    public record Step(Op op, int in, int add, int out, int inCh, int outCh, int wOff, int bOff, boolean relu,
            int nx, int ny, int nz) {
        /** Cells of the grid (nx, ny, nz). */
        public int cells() {
            return nx * ny * nz;
        }
    }

    private final Grid grid;
    private final Architecture arch;
    private final double[] params;
    private final int kd;
    private final int pz;
    private final List<Step> steps;
    private final long[] bufferLengths;
    private final int inputBuffer;
    private final int outputBuffer;
    private final double flops;

    /** The plan for {@code net} on {@code grid} (same spatial dimension); copies the parameters. */
    public ConvNetSchedule(ConvNet net, Grid grid) {
        this.arch = net.architecture();
        NetworkEvaluator.checkGrid(arch, grid);
        this.grid = grid;
        double[] hostParams = net.parameters();
        this.kd = arch.spatialDims() == 3 ? 3 : 1;
        this.pz = arch.spatialDims() == 3 ? 2 : 1;
        List<Layer> layers = arch.layers();
        int ns = layers.size() + 1;
        int[] ch = new int[ns];
        int[] level = new int[ns];
        ch[0] = 1;
        int maxLevel = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            ch[i + 1] = l.outChannels();
            level[i + 1] = level[l.src()]
                    + (l.kind() == Layer.Kind.POOL ? 1 : l.kind() == Layer.Kind.UPSAMPLE ? -1 : 0);
            maxLevel = Math.max(maxLevel, level[i + 1]);
        }
        int[][] dims = new int[maxLevel + 1][];
        dims[0] = new int[] {grid.nx(), grid.ny(), grid.nz()};
        for (int lv = 1; lv <= maxLevel; lv++) {
            int[] d = dims[lv - 1];
            dims[lv] = new int[] {(d[0] + 1) / 2, (d[1] + 1) / 2, (d[2] + pz - 1) / pz};
        }
        // last layer reading each slot; the output slot lives to the end
        int[] lastUse = new int[ns];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            lastUse[l.src()] = Math.max(lastUse[l.src()], i);
            if (l.add() >= 0) {
                lastUse[l.add()] = Math.max(lastUse[l.add()], i);
            }
        }
        lastUse[ns - 1] = Integer.MAX_VALUE;

        List<Long> lengths = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        int[] bufferOf = new int[ns];
        bufferOf[0] = take(lengths, free, cells(dims[0]));
        List<Step> plan = new ArrayList<>();
        double fl = 0.0;
        int kk = 9 * kd;
        // device parameter array: sizes first (even offsets, padded convolution channels)
        int total = 0;
        int[] devW = new int[layers.size()];
        int[] devB = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int co = l.outChannels();
            int ci = ch[l.src()];
            if (l.kind() == Layer.Kind.CONV) {
                int coPad = padChannels(co);
                devW[i] = total;
                total = even(total + ci * kk * coPad);
                devB[i] = total;
                total = even(total + coPad);
            } else if (l.kind() == Layer.Kind.DENSE) {
                devW[i] = total;
                total = even(total + ci * co);
                devB[i] = total;
                total = even(total + co);
            }
        }
        double[] dev = new double[total];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int s = i + 1;
            int[] d = dims[level[s]];
            long len = (long) ch[s] * cells(d);
            bufferOf[s] = take(lengths, free, len);
            int inCh = ch[l.src()];
            int wOff = 0;
            int bOff = 0;
            if (l.kind() == Layer.Kind.CONV || l.kind() == Layer.Kind.DENSE) {
                int hw = net.tensorOffset("L" + i + ".w");
                int hb = net.tensorOffset("L" + i + ".b");
                int co = l.outChannels();
                wOff = devW[i];
                bOff = devB[i];
                if (l.kind() == Layer.Kind.CONV) {
                    int coPad = padChannels(co);
                    for (int o = 0; o < co; o++) {
                        for (int c = 0; c < inCh; c++) {
                            for (int t = 0; t < kk; t++) {
                                // host [co][ci][tap] -> device [ci][tap][coPad]
                                dev[wOff + (c * kk + t) * coPad + o] = hostParams[hw + (o * inCh + c) * kk + t];
                            }
                        }
                    }
                } else {
                    System.arraycopy(hostParams, hw, dev, wOff, co * inCh);
                }
                System.arraycopy(hostParams, hb, dev, bOff, co);
            }
            Op op = switch (l.kind()) {
                case CONV -> Op.CONV;
                case POOL -> Op.POOL;
                case UPSAMPLE -> Op.UPSAMPLE;
                case DENSE -> Op.DENSE;
            };
            // POOL is described by its fine input grid, UPSAMPLE by its fine output grid
            int[] g = l.kind() == Layer.Kind.POOL ? dims[level[l.src()]] : d;
            plan.add(new Step(op, bufferOf[l.src()], l.add() >= 0 ? bufferOf[l.add()] : -1, bufferOf[s], inCh,
                    l.outChannels(), wOff, bOff, l.relu(), g[0], g[1], g[2]));
            if (op == Op.CONV) {
                fl += 2.0 * 9 * kd * inCh * l.outChannels() * (double) cells(d);
            } else if (op == Op.DENSE) {
                fl += 2.0 * inCh * l.outChannels() * (double) cells(d);
            }
            // free the inputs whose last reader this was (after taking the output buffer)
            release(free, bufferOf, lastUse, l.src(), i);
            if (l.add() >= 0 && l.add() != l.src()) {
                release(free, bufferOf, lastUse, l.add(), i);
            }
        }
        this.params = dev;
        this.steps = List.copyOf(plan);
        this.bufferLengths = new long[lengths.size()];
        for (int b = 0; b < bufferLengths.length; b++) {
            bufferLengths[b] = lengths.get(b);
        }
        this.inputBuffer = bufferOf[0];
        this.outputBuffer = bufferOf[ns - 1];
        this.flops = fl;
    }

    /** Output channels rounded up to a whole number of {@link #CONV_BLOCK}s. */
    public static int padChannels(int co) {
        return (co + CONV_BLOCK - 1) / CONV_BLOCK * CONV_BLOCK;
    }

    private static int even(int offset) {
        return (offset + 1) & ~1;
    }

    private static long cells(int[] d) {
        return (long) d[0] * d[1] * d[2];
    }

    private static int take(List<Long> lengths, List<Integer> free, long len) {
        for (int j = 0; j < free.size(); j++) {
            int b = free.get(j);
            if (lengths.get(b) == len) {
                free.remove(j);
                return b;
            }
        }
        lengths.add(len);
        return lengths.size() - 1;
    }

    private static void release(List<Integer> free, int[] bufferOf, int[] lastUse, int slot, int layer) {
        if (lastUse[slot] == layer) {
            free.add(bufferOf[slot]);
        }
    }

    public Grid grid() {
        return grid;
    }

    public Architecture architecture() {
        return arch;
    }

    /** The network's parameters at construction in the device layout (the array to upload once). */
    public double[] parameters() {
        return params;
    }

    /** Kernel depth: 3 in 3D, 1 in 2D. */
    public int kernelDepth() {
        return kd;
    }

    /** Pool factor in z: 2 in 3D, 1 in 2D. */
    public int poolZ() {
        return pz;
    }

    /** The launches, in order. */
    public List<Step> steps() {
        return steps;
    }

    /** Length (doubles) of each activation buffer. */
    public long[] bufferLengths() {
        return bufferLengths.clone();
    }

    /** The buffer that holds the network's input (1 channel, full grid). */
    public int inputBuffer() {
        return inputBuffer;
    }

    /** The buffer that holds the network's output (1 channel, full grid) after the last step. */
    public int outputBuffer() {
        return outputBuffer;
    }

    /** Multiply-adds ×2 of the convolutions and dense layers per forward (full 3×3(×3) stencils). */
    public double flopsPerForward() {
        return flops;
    }

    /** Total activation memory in bytes. */
    public long activationBytes() {
        long s = 0;
        for (long l : bufferLengths) {
            s += 8 * l;
        }
        return s;
    }
}
