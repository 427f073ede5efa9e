package io.krylovforge.gpu;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A {@link DeviceRuntime} for failure-path tests: delegates to a real one, fails the k-th buffer
 * allocation or kernel creation with {@link DeviceOutOfMemoryException} once armed, and counts
 * buffers and kernels made and not yet released (or handed to the cleaner). {@link #close()} does
 * not close the delegate, which belongs to the test class.
 */
public final class FaultyRuntime implements DeviceRuntime {
    private final DeviceRuntime rt;
    private final Map<Object, Boolean> live = new IdentityHashMap<>();
    private int failAt;
    private int calls;
    private int closeCalls;

    public FaultyRuntime(DeviceRuntime rt) {
        this.rt = rt;
    }

    /** Fails the {@code k}-th allocation, upload or kernel creation from now on (0: never). */
    public void failAt(int k) {
        failAt = k;
        calls = 0;
    }

    /** Allocations, uploads and kernel creations since the last {@link #failAt}. */
    public int calls() {
        return calls;
    }

    /** Buffers and kernels made through this runtime and neither released nor given to the cleaner. */
    public int live() {
        return live.size();
    }

    private <T> T made(T handle) {
        live.put(handle, true);
        return handle;
    }

    private void step(String what) {
        calls++;
        if (calls == failAt) {
            throw new DeviceOutOfMemoryException(rt.spec(), 8, "injected failure at " + what + " " + calls, null);
        }
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        step("allocate");
        return made(rt.allocate(bytes));
    }

    @Override
    public DeviceBuffer upload(double[] values, int length) {
        step("upload");
        return made(rt.upload(values, length));
    }

    @Override
    public DeviceBuffer upload(int[] values, int length) {
        step("upload");
        return made(rt.upload(values, length));
    }

    @Override
    public DeviceKernel kernel(Class<?> owner, String source, String kernel) {
        step("kernel " + kernel);
        return made(rt.kernel(owner, source, kernel));
    }

    @Override
    public void release(DeviceBuffer... buffers) {
        for (DeviceBuffer b : buffers) {
            live.remove(b);
        }
        rt.release(buffers);
    }

    @Override
    public void release(DeviceKernel... kernels) {
        for (DeviceKernel k : kernels) {
            live.remove(k);
        }
        rt.release(kernels);
    }

    @Override
    public void releaseWhenUnreachable(Object owner, DeviceBuffer... buffers) {
        for (DeviceBuffer b : buffers) {
            live.remove(b);
        }
        rt.releaseWhenUnreachable(owner, buffers);
    }

    /** How often {@link #close()} was called (the delegate stays open). */
    public int closeCalls() {
        return closeCalls;
    }

    @Override
    public void close() {
        closeCalls++; // the delegate belongs to the test class
    }

    @Override
    public String name() {
        return rt.name();
    }

    @Override
    public String spec() {
        return rt.spec();
    }

    @Override
    public String description() {
        return rt.description();
    }

    @Override
    public int groupSize() {
        return rt.groupSize();
    }

    @Override
    public Object lock() {
        return rt.lock();
    }

    @Override
    public void checkOpen() {
        rt.checkOpen();
    }

    @Override
    public void write(DeviceBuffer dst, double[] src, int length) {
        rt.write(dst, src, length);
    }

    @Override
    public void read(DeviceBuffer src, double[] dst, int length) {
        rt.read(src, dst, length);
    }

    @Override
    public void copy(DeviceBuffer src, DeviceBuffer dst, long doubles) {
        rt.copy(src, dst, doubles);
    }

    @Override
    public void launch(DeviceKernel k, long items) {
        rt.launch(k, items);
    }

    @Override
    public void launch(DeviceKernel k, long items, int rows) {
        rt.launch(k, items, rows);
    }

    @Override
    public double reduce(DeviceKernel k, int partialArg, int n) {
        return rt.reduce(k, partialArg, n);
    }

    @Override
    public void synchronize() {
        rt.synchronize();
    }
}
