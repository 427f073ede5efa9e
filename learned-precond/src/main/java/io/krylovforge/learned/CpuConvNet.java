package io.krylovforge.learned;

/**
 * {@link ConvNet#forward} on the host as a {@link NetworkEvaluator}: the reference the device
 * evaluators are tested against. One {@link ConvNet.Workspace} is made at construction.
 */
public final class CpuConvNet implements NetworkEvaluator {
    private final ConvNet net;
    private final Grid grid;
    private final ConvNet.Workspace ws;

    /** Evaluates {@code net} on {@code grid} (same spatial dimension). */
    public CpuConvNet(ConvNet net, Grid grid) {
        NetworkEvaluator.checkGrid(net.architecture(), grid);
        this.net = net;
        this.grid = grid;
        this.ws = net.workspace(grid.nx(), grid.ny(), grid.nz());
    }

    /** {@return the network (its live parameters)} */
    public ConvNet net() {
        return net;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public Architecture architecture() {
        return net.architecture();
    }

    @Override
    public void apply(double[] in, double[] out) {
        net.forward(in, out, ws); // out = f(in)
    }

    @Override
    public String device() {
        return "cpu";
    }

    @Override
    public void close() {
        // host memory only
    }
}
