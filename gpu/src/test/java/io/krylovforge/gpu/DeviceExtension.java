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
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Opens one device backend per test class, hands it to the test instance ({@link DeviceTest}),
 * skips every test of the class with the reason when the device is unavailable, and closes the
 * backend after the class. Declare the device on the class:
 * {@code @ExtendWith(DeviceExtension.OpenCl.class) class OpenClBackendTest extends DeviceBackendContract {}}.
 *
 * <p>{@link Cuda} opens CUDA device {@code -Dkrylovforge.cuda=N} (default 0); {@link OpenCl}
 * opens {@code -Dkrylovforge.opencl=P:D}, by default the first OpenCL GPU with fp64, else the first
 * OpenCL device with fp64 (PoCL on build machines and CI). Only {@link BackendUnavailableException}
 * means "no device"; any other failure to open fails the class.
 */
public abstract class DeviceExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestInstancePostProcessor {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DeviceExtension.class);
    private final Supplier<KernelBackend> opener;
    private final String unavailable;

    private DeviceExtension(Supplier<KernelBackend> opener, String unavailable) {
        this.opener = opener;
        this.unavailable = unavailable;
    }

    /** CUDA device {@code krylovforge.cuda} (default 0). */
    public static final class Cuda extends DeviceExtension {
        public Cuda() {
            super(() -> new CudaProvider().open(Integer.toString(Integer.getInteger("krylovforge.cuda", 0))),
                    "no CUDA device: ");
        }
    }

    /** The OpenCL device {@code krylovforge.opencl} picks (default: first fp64 GPU, else first fp64 device). */
    public static final class OpenCl extends DeviceExtension {
        public OpenCl() {
            super(() -> new OpenClProvider().open(System.getProperty("krylovforge.opencl", "")),
                    "no OpenCL device with fp64: ");
        }
    }

    /** The class's backend, or why there is none. */
    private record Opened(KernelBackend backend, String whyNot) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Opened opened;
        try {
            opened = new Opened(opener.get(), "");
        } catch (BackendUnavailableException e) {
            opened = new Opened(null, unavailable + e.getMessage());
        }
        context.getStore(NS).put(Opened.class, opened);
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) {
        if (instance instanceof DeviceTest t) {
            t.useBackend(opened(context).backend());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // per test, so every skipped test carries the reason in the report
        Opened opened = opened(context);
        Assumptions.assumeTrue(opened.backend() != null, opened.whyNot());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Opened opened = context.getStore(NS).remove(Opened.class, Opened.class);
        if (opened != null && opened.backend() != null) {
            opened.backend().close();
        }
    }

    private static Opened opened(ExtensionContext context) {
        return context.getStore(NS).get(Opened.class, Opened.class);
    }
}
