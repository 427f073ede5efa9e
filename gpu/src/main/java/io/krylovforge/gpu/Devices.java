package io.krylovforge.gpu;

import io.krylovforge.core.backend.BackendUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Finds devices and opens backends from a spec string:
 * <ul>
 *   <li>{@code cpu}: host memory ({@link io.krylovforge.core.backend.CpuBackend});</li>
 *   <li>{@code cuda} or {@code cuda:N}: CUDA device N (default 0);</li>
 *   <li>{@code opencl} or {@code opencl:P:D}: OpenCL platform P, device D (default: the first GPU
 *       with fp64, else the first device with fp64);</li>
 *   <li>{@code auto}: cuda if it opens, else the first OpenCL GPU with fp64, else cpu, with the
 *       reason in {@link Selection#note()}.</li>
 * </ul>
 * An explicit cuda/opencl spec that cannot be opened throws {@link BackendUnavailableException}
 * with the reason; nothing is printed here (only the CLI prints). Device backends are found with
 * {@link ServiceLoader} ({@link DeviceProvider}).
 */
public final class Devices {
    private Devices() {
    }

    /**
     * The chosen backend and, for {@code auto}, one line saying why (empty otherwise).
     *
     * @param backend the opened backend; the caller closes it
     * @param note    why auto chose it, e.g. "cuda unavailable (no driver); opencl: no GPU with fp64"
     */
    public record Selection(DeviceBackend backend, String note) {
    }

    /** Everything found: cpu first, then each provider's devices or the reason it has none. */
    public static List<DeviceInfo> list() {
        List<DeviceInfo> all = new ArrayList<>();
        HostBackend host = HostBackend.INSTANCE;
        all.add(new DeviceInfo("cpu", "cpu", host.description(), "CPU",
                Runtime.getRuntime().maxMemory(), true, ""));
        for (DeviceProvider p : providers()) {
            try {
                List<DeviceInfo> found = p.list();
                all.addAll(found.isEmpty() ? List.of(DeviceInfo.unavailable(p.name(), "no " + p.name() + " devices"))
                        : found);
            } catch (BackendUnavailableException e) { // no driver, loader or device: the reason is the entry
                all.add(DeviceInfo.unavailable(p.name(), e.getMessage()));
            } catch (LinkageError e) { // JOCL/JCuda classes missing from the class path
                all.add(DeviceInfo.unavailable(p.name(), p.name() + ": " + NativeLoadErrors.summary(e)));
            }
        }
        return all;
    }

    /**
     * Opens the backend a spec names (see the class comment).
     *
     * @throws IllegalArgumentException     on an unknown or malformed spec
     * @throws BackendUnavailableException  when an explicitly named device cannot be opened
     */
    public static Selection backend(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String args = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "cpu":
                if (!args.isEmpty()) {
                    throw new IllegalArgumentException("device spec 'cpu' takes no index, got '" + spec + "'");
                }
                return new Selection(HostBackend.INSTANCE, "");
            case "auto":
                if (!args.isEmpty()) {
                    throw new IllegalArgumentException("device spec 'auto' takes no index, got '" + spec + "'");
                }
                return auto();
            case "cuda":
            case "opencl":
                DeviceProvider p = provider(kind);
                if (p == null) {
                    throw new BackendUnavailableException(kind + " backend is not on the class path");
                }
                return new Selection(open(p, args), "");
            default:
                throw new IllegalArgumentException("unknown device '" + spec
                        + "': expected auto, cpu, cuda[:N] or opencl[:platform:device]");
        }
    }

    private static Selection auto() {
        StringBuilder why = new StringBuilder();
        for (String kind : new String[] {"cuda", "opencl"}) {
            DeviceProvider p = provider(kind);
            if (p == null) {
                why.append(why.length() == 0 ? "" : "; ").append(kind).append(": not on the class path");
                continue;
            }
            try {
                DeviceBackend b = openFirstGpu(p);
                String note = why.length() == 0 ? "auto: using " + b.description()
                        : "auto: " + why + "; using " + b.description();
                return new Selection(b, note);
            } catch (BackendUnavailableException e) {
                String msg = e.getMessage();
                why.append(why.length() == 0 ? "" : "; ").append(msg.startsWith(kind + ":") ? msg : kind + ": " + msg);
            }
        }
        return new Selection(HostBackend.INSTANCE, "auto: no GPU (" + why + "); using cpu");
    }

    // Providers map missing natives to BackendUnavailableException themselves; these wrappers also
    // catch missing Java classes (a class path without JOCL or JCuda).
    private static DeviceBackend open(DeviceProvider p, String args) {
        try {
            return p.open(args);
        } catch (LinkageError e) {
            throw new BackendUnavailableException(p.name() + ": " + NativeLoadErrors.summary(e), e);
        }
    }

    private static DeviceBackend openFirstGpu(DeviceProvider p) {
        try {
            return p.openFirstGpu();
        } catch (LinkageError e) {
            throw new BackendUnavailableException(p.name() + ": " + NativeLoadErrors.summary(e), e);
        }
    }

    private static DeviceProvider provider(String kind) {
        for (DeviceProvider p : providers()) {
            if (p.name().equals(kind)) {
                return p;
            }
        }
        return null;
    }

    private static List<DeviceProvider> providers() {
        List<DeviceProvider> list = new ArrayList<>();
        for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class, Devices.class.getClassLoader())) {
            list.add(p);
        }
        // cuda before opencl, whatever order the service files were merged in
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }
}
