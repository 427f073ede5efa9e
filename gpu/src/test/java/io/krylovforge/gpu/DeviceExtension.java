package io.krylovforge.gpu;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.cuda.CudaProvider;
import io.krylovforge.gpu.opencl.OpenClProvider;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens one device backend per test class, skips every test of the class with the reason when the
 * device is unavailable, and closes the backend after the class. Register it on a static field, so
 * that each class gets its own backend:
 * {@code @RegisterExtension static final DeviceExtension<KernelBackend> DEVICE = DeviceExtension.opencl();}
 *
 * <p>{@link #cuda()} opens CUDA device {@code -Dkrylovforge.cuda=N} (default 0); {@link #opencl()}
 * opens {@code -Dkrylovforge.opencl=P:D}, by default the first OpenCL GPU with fp64, else the first
 * OpenCL device with fp64 (PoCL on build machines and CI). Only {@link BackendUnavailableException}
 * means "no device"; any other failure to open fails the class.
 *
 * @param <B> the backend type, so that tests can use backend-specific methods
 */
public final class DeviceExtension<B extends DeviceBackend>
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<B> opener;
    private final String unavailable;
    private B backend;
    private String whyNot = "";

    private DeviceExtension(Supplier<B> opener, String unavailable) {
        this.opener = opener;
        this.unavailable = unavailable;
    }

    /** CUDA device {@code krylovforge.cuda} (default 0). */
    public static DeviceExtension<KernelBackend> cuda() {
        return new DeviceExtension<>(() -> new CudaProvider().open(Integer.toString(Integer.getInteger("krylovforge.cuda", 0))),
                "no CUDA device: ");
    }

    /** The OpenCL device {@code krylovforge.opencl} picks (default: first fp64 GPU, else first fp64 device). */
    public static DeviceExtension<KernelBackend> opencl() {
        return new DeviceExtension<>(
                () -> new OpenClProvider().open(System.getProperty("krylovforge.opencl", "")),
                "no OpenCL device with fp64: ");
    }

    /** The open backend; null only while tests are being skipped. */
    public B backend() {
        return backend;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        backend = null;
        whyNot = "";
        try {
            backend = opener.get();
        } catch (BackendUnavailableException e) {
            whyNot = unavailable + e.getMessage();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // per test, so every skipped test carries the reason in the report
        Assumptions.assumeTrue(backend != null, whyNot);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
