package io.krylovforge.gpu;

import java.util.Arrays;

/**
 * One-line reasons for native-library failures. JCuda and JOCL put whole nested stack traces in
 * their {@link UnsatisfiedLinkError} messages; users need only the missing library.
 */
public final class NativeLoadErrors {
    private static final String NO_FILE = "cannot open shared object file";

    private NativeLoadErrors() {
    }

    /**
     * The root cause in one line: "libcuda.so.1: cannot open shared object file: No such file or
     * directory" when a shared library is missing, else the first line of the message.
     */
    public static String summary(Throwable t) {
        // a second use of a class whose static initializer failed throws NoClassDefFoundError;
        // the original UnsatisfiedLinkError text is further down the cause chain
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String found = missingLibrary(String.valueOf(c.getMessage()));
            if (found != null) {
                return found;
            }
        }
        String msg = String.valueOf(t.getMessage());
        int nl = msg.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }

    private static String missingLibrary(String msg) {
        for (String line : msg.split("\n")) {
            String[] parts = line.split(": ");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith(NO_FILE)) {
                    return parts[i - 1] + ": " + String.join(": ", Arrays.copyOfRange(parts, i, parts.length));
                }
            }
        }
        return null;
    }
}
