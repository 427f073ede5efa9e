package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.NeuralPoissonContract;
import io.krylovforge.gpu.DeviceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Neural Poisson step inference on CUDA device 0; skipped with the reason (no driver, no device) elsewhere. */
class CudaNeuralPoissonNetTest extends NeuralPoissonContract {
    private static CudaBackend backend;
    private static String whyNot = "";

    @BeforeAll
    static void open() {
        try {
            backend = CudaBackend.open(Integer.getInteger("krylovforge.cuda", 0));
        } catch (BackendUnavailableException e) {
            whyNot = "no CUDA device: " + e.getMessage();
        }
    }

    @BeforeEach
    void requireDevice() {
        Assumptions.assumeTrue(backend != null, whyNot);
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected DeviceBackend backend() {
        return backend;
    }
}
