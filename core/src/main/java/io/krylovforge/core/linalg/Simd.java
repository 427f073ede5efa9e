package io.krylovforge.core.linalg;

/**
 * Whether the SIMD kernels (JDK Vector API, the incubator module {@code jdk.incubator.vector}):
 * the sparse product and the blocked dot products, may run. They run only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code kforge} launcher, the tests and the
 * benchmarks pass it) and the system property {@code krylovforge.simd} is not {@code false};
 * otherwise the scalar kernels run, with the same results. The module is opt-in because Java 17
 * prints a warning when an incubator module is resolved.
 */
public final class Simd {
    private static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("krylovforge.simd", "true"));

    private Simd() {
    }

    /** Whether the SIMD kernels are in use in this JVM. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** A one-line description for reports ("on (256-bit)", or why it is off). */
    public static String describe() {
        if (ENABLED) {
            return "on (" + SimdDiagonalProduct.bits() + "-bit vectors)";
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "off (start java with --add-modules jdk.incubator.vector)";
        }
        return "off (-Dkrylovforge.simd=false)";
    }
}
