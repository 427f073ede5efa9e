package io.krylovforge.learned.poisson;

import java.util.Objects;

/**
 * {@link NeuralPoissonNet#forward} on the host as a {@link NeuralPoissonEvaluator}: the reference
 * the device evaluators are tested against. It reads the net's live weights and keeps one
 * {@link NeuralPoissonNet.Workspace}, grown when a larger system comes; {@link #predict} is
 * synchronized, so one evaluator may serve several threads (one prediction at a time).
 */
public final class CpuNeuralPoissonNet implements NeuralPoissonEvaluator {
    private final NeuralPoissonNet net;
    private NeuralPoissonNet.Workspace ws;

    /** @param net the net to evaluate on the CPU */
    public CpuNeuralPoissonNet(NeuralPoissonNet net) {
        this.net = Objects.requireNonNull(net, "net");
    }

    @Override
    public NeuralPoissonNet net() {
        return net;
    }

    @Override
    public synchronized void predict(TwoLevelSystem system, double[] u) {
        NeuralPoissonEvaluator.checkOutput(system, u);
        if (ws == null || ws.capacity < system.size()) {
            ws = new NeuralPoissonNet.Workspace(net, system.size()); // once per larger system
        }
        net.forward(system, ws, u);
    }

    @Override
    public String device() {
        return "cpu";
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "CpuNeuralPoissonNet[" + net.blocks() + " blocks, width " + net.hidden() + "]";
    }
}
