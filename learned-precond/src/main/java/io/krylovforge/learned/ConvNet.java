package io.krylovforge.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small fully convolutional network on a 2D or 3D grid, as used by DCDM: forward evaluation and
 * reverse-mode gradients for the layer types of {@link Layer}, all through the primitive kernels of
 * {@link LayerKernels} (which a GPU backend can reimplement one by one).
 *
 * <p>Parameters live in one flat array (layer by layer: weights then bias), so an optimiser updates
 * them with plain loops; {@link #tensorNames()}/{@link #tensorShape} name the slices for the
 * {@code .kfw} file. Initialisation is Glorot-uniform weights and zero biases (Keras defaults),
 * from a seed. Evaluation needs a {@link Workspace} for the grid size; one network can serve any
 * grid of its dimension (the layers are translation invariant). Not thread-safe per workspace.
 *
 * <p>Reference: Kaneda et al., "A Deep Conjugate Direction Method for Iteratively Solving Linear
 * Systems", ICML 2023, §3 and code {@code src/train.py} (see docs/papers.md §4.2).
 */
public final class ConvNet {
    private final Architecture arch;
    private final double[] params;
    private final int[] wOff;
    private final int[] bOff;
    private final int[] inCh;

    /** A freshly initialised network (Glorot uniform from {@code seed}, zero biases). */
    public ConvNet(Architecture arch, long seed) {
        this.arch = arch;
        int nl = arch.layers().size();
        int[] ch = arch.slotChannels();
        wOff = new int[nl];
        bOff = new int[nl];
        inCh = new int[nl];
        int k = 9 * arch.kernelDepth();
        int total = 0;
        for (int i = 0; i < nl; i++) {
            Layer l = arch.layers().get(i);
            inCh[i] = ch[l.src()];
            wOff[i] = total;
            int wl = weightLength(l, inCh[i], k);
            total += wl;
            bOff[i] = total;
            total += biasLength(l);
        }
        params = new double[total];
        Random rnd = new Random(seed);
        for (int i = 0; i < nl; i++) {
            Layer l = arch.layers().get(i);
            int kk = l.kind() == Layer.Kind.CONV ? k : 1;
            int wl = weightLength(l, inCh[i], k);
            double limit = Math.sqrt(6.0 / ((inCh[i] + l.outChannels()) * (double) kk));
            for (int j = 0; j < wl; j++) {
                params[wOff[i] + j] = limit * (2.0 * rnd.nextDouble() - 1.0);
            }
        }
    }

    private static int weightLength(Layer l, int ci, int k) {
        return switch (l.kind()) {
            case CONV -> l.outChannels() * ci * k;
            case DENSE -> l.outChannels() * ci;
            default -> 0;
        };
    }

    private static int biasLength(Layer l) {
        return l.kind() == Layer.Kind.CONV || l.kind() == Layer.Kind.DENSE ? l.outChannels() : 0;
    }

    /** {@return the layer structure of this net} */
    public Architecture architecture() {
        return arch;
    }

    /** {@return the live parameter array (weights and biases of every layer); optimisers update it in place} */
    public double[] parameters() {
        return params;
    }

    /** {@return the number of trainable parameters} */
    public int parameterCount() {
        return params.length;
    }

    /** {@return names of the parameter tensors in file order: "L&lt;i&gt;.w", "L&lt;i&gt;.b" for CONV and DENSE layers} */
    public List<String> tensorNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inCh.length; i++) {
            if (biasLength(arch.layers().get(i)) > 0) {
                names.add("L" + i + ".w");
                names.add("L" + i + ".b");
            }
        }
        return names;
    }

    /** Shape of a named tensor: weights [co, ci, kd, 3, 3] (CONV) or [co, ci] (DENSE), bias [co]. */
    public int[] tensorShape(String name) {
        int i = layerOf(name);
        Layer l = arch.layers().get(i);
        if (name.endsWith(".b")) {
            return new int[] {l.outChannels()};
        }
        return l.kind() == Layer.Kind.CONV
                ? new int[] {l.outChannels(), inCh[i], arch.kernelDepth(), 3, 3}
                : new int[] {l.outChannels(), inCh[i]};
    }

    /** Offset of a named tensor in {@link #parameters()}. */
    public int tensorOffset(String name) {
        int i = layerOf(name);
        return name.endsWith(".b") ? bOff[i] : wOff[i];
    }

    private int layerOf(String name) {
        if (name.length() > 3 && name.charAt(0) == 'L' && (name.endsWith(".w") || name.endsWith(".b"))) {
            try {
                int i = Integer.parseInt(name.substring(1, name.length() - 2));
                if (i >= 0 && i < inCh.length && biasLength(arch.layers().get(i)) > 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("no parameter tensor '" + name + "' in this network; it has "
                + tensorNames());
    }

    /** Buffers for evaluating the net on an nx×ny×nz grid (nz = 1 in 2D). */
    public Workspace workspace(int nx, int ny, int nz) {
        return new Workspace(nx, ny, nz);
    }

    /** Activations (and, after the first backward pass, gradients) for one grid size. */
    public final class Workspace {
        private final int[][] dims;   // per level: nx, ny, nz
        private final int[] slotLevel;
        private final int[] slotCh;
        private final double[][] value;
        private final double[][] act;  // CONV output after ReLU, before the residual add
        private double[][] grad;
        private final int pz;

        private Workspace(int nx, int ny, int nz) {
            if (nx < 1 || ny < 1 || nz < 1 || arch.spatialDims() == 2 && nz != 1) {
                throw new IllegalArgumentException("bad grid " + nx + "x" + ny + "x" + nz + " for a "
                        + arch.spatialDims() + "D network");
            }
            pz = arch.spatialDims() == 3 ? 2 : 1;
            slotLevel = arch.slotLevels();
            slotCh = arch.slotChannels();
            int maxLevel = 0;
            for (int lv : slotLevel) {
                maxLevel = Math.max(maxLevel, lv);
            }
            dims = new int[maxLevel + 1][];
            dims[0] = new int[] {nx, ny, nz};
            for (int lv = 1; lv <= maxLevel; lv++) {
                int[] d = dims[lv - 1];
                dims[lv] = new int[] {(d[0] + 1) / 2, (d[1] + 1) / 2, (d[2] + pz - 1) / pz};
            }
            int ns = slotCh.length;
            value = new double[ns][];
            act = new double[ns][];
            for (int s = 0; s < ns; s++) {
                value[s] = new double[slotCh[s] * cells(slotLevel[s])];
                if (s > 0) {
                    Layer l = arch.layers().get(s - 1);
                    act[s] = l.kind() == Layer.Kind.CONV && l.add() >= 0 ? new double[value[s].length] : value[s];
                }
            }
        }

        private int cells(int level) {
            int[] d = dims[level];
            return d[0] * d[1] * d[2];
        }

        /** Grid cells at full resolution (the length of the net's input and output). */
        public int size() {
            return cells(0);
        }
    }

    /** output ← f(input); both of length nx·ny·nz of the workspace's grid. */
    public void forward(double[] input, double[] output, Workspace ws) {
        int n = ws.size();
        if (input.length != n || output.length != n) {
            throw new IllegalArgumentException("network input/output must have " + n + " cells, got "
                    + input.length + " and " + output.length);
        }
        System.arraycopy(input, 0, ws.value[0], 0, n);
        int kd = arch.kernelDepth();
        List<Layer> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int s = i + 1;
            int[] d = ws.dims[ws.slotLevel[s]];
            int cells = d[0] * d[1] * d[2];
            double[] in = ws.value[l.src()];
            double[] a = ws.act[s];
            switch (l.kind()) {
                case CONV -> {
                    LayerKernels.convForward(in, inCh[i], params, wOff[i], params, bOff[i], a,
                            l.outChannels(), d[0], d[1], d[2], kd);
                    if (l.relu()) {
                        LayerKernels.relu(a, a.length);
                    }
                }
                case DENSE -> LayerKernels.denseForward(in, inCh[i], params, wOff[i], params, bOff[i], a,
                        l.outChannels(), cells);
                case POOL -> {
                    int[] f = ws.dims[ws.slotLevel[l.src()]];
                    LayerKernels.avgPoolForward(in, a, inCh[i], f[0], f[1], f[2], ws.pz);
                }
                case UPSAMPLE -> LayerKernels.upsampleForward(in, a, inCh[i], d[0], d[1], d[2], ws.pz);
                default -> throw new IllegalStateException("internal: layer kind " + l.kind());
            }
            if (l.add() >= 0) {
                LayerKernels.add(a, ws.value[l.add()], ws.value[s], a.length);
            }
        }
        System.arraycopy(ws.value[layers.size()], 0, output, 0, n);
    }

    /**
     * Reverse mode through the last {@link #forward} on {@code ws}: given gOutput = dL/d(output),
     * adds dL/dθ into {@code gParams} (length {@link #parameterCount()}) and, when {@code gInput} is
     * not null, writes dL/d(input) into it.
     */
    public void backward(double[] gOutput, double[] gInput, double[] gParams, Workspace ws) {
        int n = ws.size();
        if (gOutput.length != n || gInput != null && gInput.length != n || gParams.length != params.length) {
            throw new IllegalArgumentException("backward sizes: gOutput " + gOutput.length + ", gInput "
                    + (gInput == null ? "null" : gInput.length) + ", gParams " + gParams.length + "; need "
                    + n + " cells and " + params.length + " parameters");
        }
        List<Layer> layers = arch.layers();
        int ns = layers.size() + 1;
        if (ws.grad == null) {
            ws.grad = new double[ns][];
            for (int s = 0; s < ns; s++) {
                ws.grad[s] = new double[ws.value[s].length];
            }
        }
        for (int s = 0; s < ns; s++) {
            Arrays.fill(ws.grad[s], 0.0);
        }
        System.arraycopy(gOutput, 0, ws.grad[ns - 1], 0, n);
        int kd = arch.kernelDepth();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            int s = i + 1;
            double[] g = ws.grad[s];
            int[] d = ws.dims[ws.slotLevel[s]];
            int cells = d[0] * d[1] * d[2];
            if (l.add() >= 0) {
                LayerKernels.accumulate(g, ws.grad[l.add()], g.length); // d(a + h)/dh = 1
            }
            double[] gIn = l.src() == 0 && gInput == null ? null : ws.grad[l.src()];
            double[] in = ws.value[l.src()];
            switch (l.kind()) {
                case CONV -> {
                    if (l.relu()) {
                        LayerKernels.reluBackward(ws.act[s], g, g.length); // g is dead after this layer
                    }
                    LayerKernels.convBackward(in, inCh[i], params, wOff[i], g, l.outChannels(), gIn,
                            gParams, bOff[i], d[0], d[1], d[2], kd);
                }
                case DENSE -> LayerKernels.denseBackward(in, inCh[i], params, wOff[i], g, l.outChannels(), gIn,
                        gParams, bOff[i], cells);
                case POOL -> {
                    int[] f = ws.dims[ws.slotLevel[l.src()]];
                    LayerKernels.avgPoolBackward(g, ws.grad[l.src()], inCh[i], f[0], f[1], f[2], ws.pz);
                }
                case UPSAMPLE -> LayerKernels.upsampleBackward(g, ws.grad[l.src()], inCh[i], d[0], d[1], d[2], ws.pz);
                default -> throw new IllegalStateException("internal: layer kind " + l.kind());
            }
        }
        if (gInput != null) {
            System.arraycopy(ws.grad[0], 0, gInput, 0, n);
        }
    }
}
