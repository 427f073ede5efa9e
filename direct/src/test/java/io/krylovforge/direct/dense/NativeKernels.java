package io.krylovforge.direct.dense;

import org.junit.jupiter.api.Assumptions;

/** For tests that compare the jblas kernels with the pure-Java ones: skipped, with the reason, where jblas cannot load. */
public final class NativeKernels {
    private NativeKernels() {
    }

    /** jblas's kernels, never the fallback; aborts the calling test (skipped, not failed) when the natives are missing. */
    public static DenseKernels orSkip() {
        try {
            return JblasDenseKernels.alwaysNative();
        } catch (Error e) {
            Assumptions.abort("jblas natives unavailable: " + e);
            return null;
        }
    }
}
