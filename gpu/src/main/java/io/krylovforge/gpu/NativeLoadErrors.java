package io.krylovforge.gpu;

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
        String msg = String.valueOf(t.getMessage());
        for (String line : msg.split("\n")) {
            String[] parts = line.split(": ");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith(NO_FILE)) {
                    return parts[i - 1] + ": " + String.join(": ", java.util.Arrays.copyOfRange(parts, i, parts.length));
                }
            }
        }
        int nl = msg.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }
}
