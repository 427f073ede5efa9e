package io.krylovforge.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The committed PTX modules load from the jar without a device (the driver needs them NUL-terminated). */
class PtxResourcesTest {
    @Test
    void everyModuleIsPresentAndNulTerminated() {
        for (String name : new String[] {"kernels.ptx", "convnet.ptx", "npsolver.ptx"}) {
            byte[] ptx = CudaBackend.loadPtx(name);
            assertEquals(0, ptx[ptx.length - 1], name);
            String text = new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII);
            assertTrue(text.contains(".target sm_75") || text.contains(".target compute_75"), name);
            assertTrue(text.contains(".entry"), name);
        }
    }

    @Test
    void aMissingModuleIsAnInternalError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CudaBackend.loadPtx("nope.ptx"));
        assertTrue(e.getMessage().contains("nope.ptx"), e.getMessage());
    }
}
