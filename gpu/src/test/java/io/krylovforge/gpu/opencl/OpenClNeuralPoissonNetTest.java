package io.krylovforge.gpu.opencl;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.NeuralPoissonContract;
import io.krylovforge.gpu.DeviceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Neural Poisson step inference on the first OpenCL GPU with fp64, else the first OpenCL device with
 * fp64 (PoCL on build machines and CI); {@code -Dkrylovforge.opencl=P:D} picks one. Skipped with
 * the reason when there is none.
 */
class OpenClNeuralPoissonNetTest extends NeuralPoissonContract {
    private static OpenClBackend backend;
    private static String whyNot = "";

    @BeforeAll
    static void open() {
        try {
            backend = (OpenClBackend) new OpenClProvider().open(System.getProperty("krylovforge.opencl", ""));
        } catch (BackendUnavailableException e) {
            whyNot = "no OpenCL device with fp64: " + e.getMessage();
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
