package io.krylovforge.bench.kernels;

import io.krylovforge.bench.harness.StreamBandwidth;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link KernelBenchmarks} with JMH (short, in-process settings that fit a 2-core CI box)
 * and prints each kernel's time, achieved GB/s and its fraction of the STREAM copy bandwidth
 * measured in the same run. Usage: {@code KernelReport [side]} (default 2048).
 */
public final class KernelReport {
    private KernelReport() {
    }

    public static void main(String[] args) throws Exception {
        String side = args.length > 0 ? args[0] : "2048";
        Options opt = new OptionsBuilder()
                .include(KernelBenchmarks.class.getName())
                .param("side", side)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(5)
                .measurementTime(TimeValue.milliseconds(500))
                .shouldDoGC(true)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        double stream = StreamBandwidth.copyBytesPerSecond();
        long n = (long) Integer.parseInt(side) * Integer.parseInt(side);
        long nnz = 5 * n - 4L * Integer.parseInt(side);
        System.out.printf(Locale.ROOT, "%nSTREAM copy %.2f GB/s; 2D Laplacian %s², n = %d, nnz = %d%n", stream / 1e9,
                side, n, nnz);
        System.out.printf(Locale.ROOT, "%-10s %12s %10s %12s%n", "kernel", "us/op", "GB/s", "of STREAM");
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String kernel = label.substring(label.lastIndexOf('.') + 1);
            double us = r.getPrimaryResult().getScore();
            double gbs = KernelBenchmarks.bytes(kernel, n, nnz) / (us * 1e-6) / 1e9;
            System.out.printf(Locale.ROOT, "%-10s %12.1f %10.2f %11.0f%%%n", kernel, us, gbs, 100 * gbs * 1e9 / stream);
        }
    }
}
