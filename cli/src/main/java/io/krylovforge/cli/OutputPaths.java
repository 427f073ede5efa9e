package io.krylovforge.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any long work, that an output file can be created where the user asked. */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Throws a {@link UserInputException} naming the option and the path when {@code file}'s
     * folder is missing or not a folder, or {@code file} itself is a folder; {@code null} passes.
     */
    static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(option + " " + file + ": is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserInputException(option + " " + file + ": directory " + file.getParent()
                    + (Files.exists(parent) ? " is not a directory" : " does not exist") + "; create it first");
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new UserInputException(option + " " + file + ": directory " + parent + " is not writable");
        }
    }
}
