package io.krylovforge.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/matrices: the surefire property, else relative to the module directory. */
final class SharedMatrices {
    private SharedMatrices() {
    }

    static Path path(String name) {
        String prop = System.getProperty("krylovforge.shared");
        Path base = prop != null ? Path.of(prop) : Path.of("../../shared");
        if (!Files.isDirectory(base.resolve("matrices"))) {
            base = Path.of("../shared");
        }
        return base.resolve("matrices").resolve(name);
    }
}
