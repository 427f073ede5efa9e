package io.krylovforge.gpu;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link DeviceProvider} made of a runtime's three entry points (list, open by spec, open the
 * first GPU); every backend it opens is a {@link KernelBackend} on that runtime. The CUDA and
 * OpenCL providers are one constructor call each.
 */
public class RuntimeProvider implements DeviceProvider {
    private final String name;
    private final Supplier<List<DeviceInfo>> list;
    private final Function<String, DeviceRuntime> open;
    private final Supplier<DeviceRuntime> firstGpu;

    /**
     * @param name     the spec prefix
     * @param list     the devices found (throws BackendUnavailableException without a driver)
     * @param open     opens the device named by the spec part after "name:" ("" for the default)
     * @param firstGpu opens the first GPU with double precision
     */
    protected RuntimeProvider(String name, Supplier<List<DeviceInfo>> list, Function<String, DeviceRuntime> open,
            Supplier<DeviceRuntime> firstGpu) {
        this.name = name;
        this.list = list;
        this.open = open;
        this.firstGpu = firstGpu;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<DeviceInfo> list() {
        return list.get();
    }

    @Override
    public final KernelBackend open(String args) {
        return new KernelBackend(open.apply(args));
    }

    @Override
    public final KernelBackend openFirstGpu() {
        return new KernelBackend(firstGpu.get());
    }
}
