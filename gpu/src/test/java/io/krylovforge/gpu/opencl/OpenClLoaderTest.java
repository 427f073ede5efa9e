package io.krylovforge.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.Devices;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without an OpenCL loader the provider says which packages to install, in one line, without
 * touching JOCL (whose native code would print to stderr); no device needed.
 */
class OpenClLoaderTest {
    @Test
    void theSearchFollowsTheLinkerOrderWithNoBuiltInDirectories(@TempDir Path dir) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("ld.so.conf.d"));
        Files.writeString(conf.resolve("arch.conf"), "# multiarch\n" + dir.resolve("b") + "\ninclude x\n");
        String sep = File.pathSeparator;
        List<Path> path = OpenClLoader.searchPath(dir.resolve("a") + sep + sep, conf,
                dir.resolve("c") + sep + dir.resolve("d"));
        assertEquals(List.of(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"), dir.resolve("d")), path);
        assertEquals(List.of(), OpenClLoader.searchPath(null, dir.resolve("absent"), null));
    }

    @Test
    void aMissingLoaderNamesThePackagesToInstall(@TempDir Path dir) {
        String old = System.getProperty(OpenClLoader.PROPERTY);
        System.setProperty(OpenClLoader.PROPERTY, dir.resolve("libOpenCL.so").toString());
        try {
            List<DeviceInfo> found = Devices.list().stream().filter(d -> d.backend().equals("opencl")).toList();
            assertEquals(1, found.size());
            assertFalse(found.get(0).usable());
            assertTrue(found.get(0).note().contains("ocl-icd-libopencl1"), found.get(0).note());
            assertThrows(BackendUnavailableException.class, () -> new OpenClProvider().list());
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> new OpenClProvider().open(""));
            assertTrue(e.getMessage().startsWith("opencl: no OpenCL loader ("), e.getMessage());
            assertTrue(e.getMessage().contains("pocl-opencl-icd"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(OpenClLoader.PROPERTY);
            } else {
                System.setProperty(OpenClLoader.PROPERTY, old);
            }
        }
    }

    @Test
    void aClassErrorFromJoclBecomesTheSameOneLineAdvice() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenClRuntime.guard(() -> {
                    throw new NoClassDefFoundError("Could not initialize class org.jocl.CL");
                }));
        assertTrue(e.getMessage().startsWith("opencl: cannot load the OpenCL library ("), e.getMessage());
        assertTrue(e.getMessage().contains("ocl-icd-libopencl1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
