package io.krylovforge.gpu.opencl;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the OpenCL ICD loader that JOCL opens ({@code libOpenCL.so}) before JOCL is touched: when
 * it is missing, JOCL's native code prints "Could not load libOpenCL.so" to the process's stderr
 * (nothing in Java can stop that) and then fails with a class error. Checking first lets
 * {@code kforge devices} stay quiet and {@code --device opencl} say which packages to install.
 *
 * <p>Searched, in the order the dynamic linker uses: {@code LD_LIBRARY_PATH}, the directories the
 * linker's configuration lists ({@code ld.so.conf.d}), and the JVM's own library path
 * ({@code java.library.path}, which the JDK sets to the platform's default library directories), so
 * no directory list of one machine or distribution is written here. The system property
 * {@value #PROPERTY} names the library file to use instead (tests point it at a missing file).
 */
final class OpenClLoader {
    /** System property naming the loader file to check instead of searching. */
    static final String PROPERTY = "krylovforge.opencl.loader";
    static final String LIBRARY = "libOpenCL.so";
    /** What to install, for the messages. */
    static final String INSTALL = "install an OpenCL loader and driver, e.g. apt-get install ocl-icd-libopencl1"
            + " ocl-icd-opencl-dev pocl-opencl-icd (or the GPU vendor's OpenCL driver)";
    /** The dynamic linker's configuration directory (ld.so(8)); every Linux distribution uses it. */
    private static final Path LINKER_CONFIG = Path.of("/etc", "ld.so.conf.d");

    private OpenClLoader() {
    }

    /** Empty when the loader is present, else one line saying what is missing and what to install. */
    static String missing() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Files.isRegularFile(Path.of(forced)) ? "" : "opencl: no OpenCL loader (" + forced + " not found); "
                    + INSTALL;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return ""; // only the Linux search is known here; JOCL reports the rest itself
        }
        for (Path dir : searchPath()) {
            if (Files.exists(dir.resolve(LIBRARY))) {
                return "";
            }
        }
        return "opencl: no OpenCL loader (" + LIBRARY + " not found); " + INSTALL;
    }

    private static List<Path> searchPath() {
        return searchPath(System.getenv("LD_LIBRARY_PATH"), LINKER_CONFIG, System.getProperty("java.library.path"));
    }

    /** The directories searched, in order, from the three sources (null or missing ones skipped). */
    static List<Path> searchPath(String ldLibraryPath, Path linkerConfig, String javaLibraryPath) {
        List<Path> dirs = new ArrayList<>();
        addAll(dirs, ldLibraryPath);
        try (DirectoryStream<Path> confs = Files.newDirectoryStream(linkerConfig, "*.conf")) {
            for (Path conf : confs) {
                for (String line : Files.readAllLines(conf)) {
                    String d = line.strip();
                    if (d.startsWith("/")) {
                        dirs.add(Path.of(d));
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no ld.so.conf.d: the JVM's library path still counts
        }
        addAll(dirs, javaLibraryPath);
        return dirs;
    }

    private static void addAll(List<Path> dirs, String pathList) {
        if (pathList == null) {
            return;
        }
        for (String d : pathList.split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
    }
}
