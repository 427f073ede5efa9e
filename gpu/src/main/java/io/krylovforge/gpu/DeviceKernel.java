package io.krylovforge.gpu;

/**
 * One kernel of a {@link DeviceRuntime} with its own argument slots: set the arguments (they are
 * kept until set again), then {@link DeviceRuntime#launch} it. Make one per call site that needs
 * its arguments to persist (a network layer); shared ones (a vector op) are set before each launch
 * under {@link DeviceRuntime#lock()}.
 */
public interface DeviceKernel {
    /** Sets argument {@code index} to an int. */
    DeviceKernel set(int index, int value);

    /** Sets argument {@code index} to a double. */
    DeviceKernel set(int index, double value);

    /** Sets argument {@code index} to a buffer of the same runtime. */
    DeviceKernel set(int index, DeviceBuffer buffer);
}
