package io.krylovforge.direct.dense;

import org.jblas.util.Logger;

/** Decides once per JVM which kernels {@link DenseKernels#best()} returns (holder idiom, immutable). */
final class DenseKernelsChoice {
    static final DenseKernels BEST = choose();

    private DenseKernelsChoice() {
    }

    private static DenseKernels choose() {
        if ("java".equalsIgnoreCase(System.getProperty(DenseKernels.PROPERTY, ""))) {
            return new JavaDenseKernels();
        }
        try {
            // jblas logs each extracted library at INFO on stderr; the CLI's output stays clean.
            Logger.getLogger().setLevel(Logger.WARNING);
            return JblasDenseKernels.load();
        } catch (Error e) {
            // UnsatisfiedLinkError (no libgfortran, unsupported platform) or a failed class init.
            return new JavaDenseKernels();
        }
    }
}
