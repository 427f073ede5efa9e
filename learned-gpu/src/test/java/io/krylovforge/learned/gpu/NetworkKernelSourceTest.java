package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.PtxChecks;
import org.junit.jupiter.api.Test;

/** The committed convnet.ptx and npsolver.ptx are built from the current one sources (by hash; no device). */
class NetworkKernelSourceTest {
    @Test
    void convNetPtxIsUpToDate() {
        PtxChecks.assertUpToDate(DeviceConvNet.class, "convnet");
    }

    @Test
    void neuralPoissonPtxIsUpToDate() {
        PtxChecks.assertUpToDate(DeviceNeuralPoissonNet.class, "npsolver");
    }
}
