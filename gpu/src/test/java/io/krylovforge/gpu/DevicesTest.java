package io.krylovforge.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.backend.CpuBackend;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec parsing, listing and the auto fallback, whatever this machine has. */
class DevicesTest {
    @Test
    void listAlwaysHasCpuAndOneEntryPerBackend() {
        List<DeviceInfo> all = Devices.list();
        assertEquals("cpu", all.get(0).spec());
        assertTrue(all.get(0).usable());
        assertTrue(all.stream().anyMatch(d -> d.backend().equals("cuda")), all.toString());
        assertTrue(all.stream().anyMatch(d -> d.backend().equals("opencl")), all.toString());
        for (DeviceInfo d : all) {
            assertFalse(d.toString().isBlank());
            if (!d.usable() && d.name().equals("-")) {
                assertFalse(d.note().isEmpty(), "an unavailable backend says why: " + d);
            }
        }
    }

    @Test
    void cpuSpecGivesHostVectorsAndTheMatrixItself() {
        Devices.Selection s = Devices.backend("cpu");
        assertEquals("", s.note());
        DeviceBackend b = s.backend();
        assertEquals("cpu", b.name());
        assertSame(CpuBackend.INSTANCE, b.zeros(3).backend());
        CsrMatrix a = Stencils.laplacian2d(3, 3);
        assertSame(a, b.upload(a));
        double[] v = {1, 2};
        double[] copy = b.of(v).toArray();
        v[0] = 9;
        assertEquals(1.0, copy[0], "of() copies");
    }

    @Test
    void autoOpensSomethingAndSaysWhy() {
        Devices.Selection s = Devices.backend("auto");
        try (DeviceBackend b = s.backend()) {
            assertTrue(s.note().startsWith("auto: "), s.note());
            assertTrue(s.note().contains(b.description()) || b.name().equals("cpu"), s.note());
            if (b.name().equals("cpu")) {
                assertTrue(s.note().contains("cuda"), "says why cuda was not used: " + s.note());
            }
        }
    }

    @Test
    void badSpecsAreUserErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.backend("tpu"));
        assertTrue(e.getMessage().contains("tpu") && e.getMessage().contains("opencl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Devices.backend("cpu:1"));
        assertThrows(IllegalArgumentException.class, () -> Devices.backend("opencl:x:y"));
        assertThrows(IllegalArgumentException.class, () -> Devices.backend("opencl:0"));
        assertThrows(IllegalArgumentException.class, () -> Devices.backend("cuda:one"));
    }

    @Test
    void unavailableExplicitBackendThrowsWithReason() {
        boolean cuda = Devices.list().stream().anyMatch(d -> d.backend().equals("cuda") && d.usable());
        if (!cuda) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> Devices.backend("cuda"));
            assertTrue(e.getMessage().startsWith("cuda: "), e.getMessage());
            // the second attempt (class initialization already failed) names the cause as well
            BackendUnavailableException again = assertThrows(BackendUnavailableException.class,
                    () -> Devices.backend("cuda:0"));
            assertTrue(again.getMessage().contains("libcuda") || !e.getMessage().contains("libcuda"),
                    again.getMessage());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Devices.backend("opencl:0:99"));
        assertTrue(e.getMessage().startsWith("opencl: "), e.getMessage());
    }

    @Test
    void nativeLoadErrorsNameTheMissingLibrary() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"X\"\n"
                + "Stack trace\njava.lang.UnsatisfiedLinkError: /tmp/libX.so: libcuda.so.1: cannot open shared object"
                + " file: No such file or directory\n\tat foo");
        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory",
                NativeLoadErrors.summary(e));
        assertEquals("IllegalStateException: first", NativeLoadErrors.summary(new IllegalStateException("first\nsecond")));
    }
}
