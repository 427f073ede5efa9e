package io.krylovforge.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by the threads that do a solve: the calling thread plus the kernel pool's
 * workers (threads named {@code krylovforge-*}). JIT and GC threads are left out, as the peers'
 * {@code time.thread_time()} leaves out everything but their one solving thread. On a shared
 * machine this shows the work a solve costs where wall time also counts waiting for a core.
 */
final class SolverCpuClock {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();

    /** Whether this JVM measures per-thread CPU time. */
    boolean supported() {
        return mx.isThreadCpuTimeSupported() && mx.isCurrentThreadCpuTimeSupported();
    }

    /** Starts a measurement (call just before the timed region). */
    void start() {
        start.clear();
        if (!supported()) {
            return;
        }
        sampleWorkers(start);
        start.put(Thread.currentThread().getId(), mx.getCurrentThreadCpuTime()); // last: the scan is not counted
    }

    /** CPU seconds of the solving threads since {@link #start()}; NaN where unsupported. */
    double elapsedSeconds() {
        if (!supported()) {
            return Double.NaN;
        }
        // The calling thread first: the thread scan below (Thread.getAllStackTraces, tens of
        // microseconds) must not count as solve time, which it did and made CPU exceed wall.
        long selfNow = mx.getCurrentThreadCpuTime();
        Map<Long, Long> now = new HashMap<>();
        sampleWorkers(now);
        now.put(Thread.currentThread().getId(), selfNow);
        long total = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            total += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return total / 1e9;
    }

    /** CPU time of the kernel pool's workers (threads named {@code krylovforge-*}). */
    private void sampleWorkers(Map<Long, Long> into) {
        Thread self = Thread.currentThread();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != self && t.getName().startsWith("krylovforge-")) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    into.put(t.getId(), ns);
                }
            }
        }
    }
}
