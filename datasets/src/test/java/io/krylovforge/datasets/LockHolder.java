package io.krylovforge.datasets;

import java.nio.file.Path;

/** A second process for {@link OutputLockTest}: takes the lock, says so, holds it until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), args[1], System.out::println)) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
