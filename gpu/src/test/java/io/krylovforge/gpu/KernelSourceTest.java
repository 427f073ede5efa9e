package io.krylovforge.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One kernel source, two texts: the committed PTX matches the source by hash (no device needed). */
class KernelSourceTest {
    @Test
    void vectorPtxIsUpToDateWithItsSource() {
        PtxChecks.assertUpToDate(DeviceRuntime.class, "kernels/vector");
    }

    @Test
    void bothTextsAreOneHeaderPlusTheSameSource() {
        String cl = KernelSource.openCl(DeviceRuntime.class, "kernels/vector");
        String cu = KernelSource.cuda(DeviceRuntime.class, "kernels/vector");
        assertTrue(cl.startsWith("// OpenCL side"), cl.substring(0, 40));
        assertTrue(cu.startsWith("// CUDA side"), cu.substring(0, 40));
        String body = cl.substring(cl.indexOf("// KrylovForge vector"));
        assertEquals(body, cu.substring(cu.indexOf("// KrylovForge vector")));
    }

    @Test
    void aChangedSourceNoLongerMatchesTheRecordedHash() {
        String cu = KernelSource.cuda(DeviceRuntime.class, "kernels/vector");
        String recorded = KernelSource.recordedHash(new String(KernelSource.ptx(DeviceRuntime.class, "kernels/vector"),
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(64, recorded.length());
        assertTrue(!KernelSource.sha256(cu + " ").equals(recorded));
        assertEquals("", KernelSource.recordedHash("// no tag\n.version 9.0\n"));
    }

    @Test
    void aMissingModuleIsAnInternalError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelSource.ptx(DeviceRuntime.class, "nope"));
        assertTrue(e.getMessage().contains("nope.ptx"), e.getMessage());
    }
}
