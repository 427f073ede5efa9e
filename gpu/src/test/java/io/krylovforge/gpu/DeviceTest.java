package io.krylovforge.gpu;

/** A test class that runs on the backend its {@link DeviceExtension} opened. */
public abstract class DeviceTest {
    private KernelBackend backend;

    /** Called by the extension before each test (null while tests are being skipped). */
    final void useBackend(KernelBackend b) {
        this.backend = b;
    }

    /** The backend under test. */
    protected KernelBackend backend() {
        return backend;
    }
}
