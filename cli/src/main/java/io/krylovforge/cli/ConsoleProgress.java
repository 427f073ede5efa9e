package io.krylovforge.cli;

import io.krylovforge.datasets.ProgressListener;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for the command line: a live bar (samples/s, ETA, mean iterations) on a terminal, or
 * one plain line per finished shard when the output is a file or pipe. Built by the CLI, which
 * owns the streams; the library only calls the {@link ProgressListener} methods, so library users
 * get no progress-bar (jline) dependency.
 */
final class ConsoleProgress {
    private ConsoleProgress() {
    }

    /** A progress bar drawn on {@code terminal}. */
    /** A progress bar named {@code task} drawn on {@code terminal}. */
    static ProgressListener bar(String task, PrintStream terminal) {
        return new Bar(task, terminal);
    }

    /** Plain log lines on {@code log}, each starting with {@code task}. */
    static ProgressListener lines(String task, PrintWriter log) {
        return new Lines(task, log);
    }

    /** Counts solved samples and iterations across worker threads. */
    private abstract static class Counting implements ProgressListener {
        final AtomicLong solved = new AtomicLong();
        final AtomicLong iterations = new AtomicLong();
        volatile long total;
        volatile long done;
        volatile long startNanos;

        @Override
        public void start(long totalSamples, long alreadyDone) {
            total = totalSamples;
            done = alreadyDone;
            startNanos = System.nanoTime();
        }

        @Override
        public void sampleSolved(long index, int its) {
            solved.incrementAndGet();
            iterations.addAndGet(its);
        }

        double meanIterations() {
            long n = solved.get();
            return n == 0 ? 0.0 : (double) iterations.get() / n;
        }

        double rate() {
            double secs = (System.nanoTime() - startNanos) / 1e9;
            return secs > 0 ? solved.get() / secs : 0.0;
        }
    }

    private static final class Bar extends Counting {
        private final String task;
        private final PrintStream terminal;
        private ProgressBar bar;

        Bar(String task, PrintStream terminal) {
            this.task = task;
            this.terminal = terminal;
        }

        @Override
        public void start(long totalSamples, long alreadyDone) {
            super.start(totalSamples, alreadyDone);
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSamples)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(terminal)).setUpdateIntervalMillis(250)
                    .startsFrom(alreadyDone, Duration.ZERO).build();
        }

        @Override
        public void sampleSolved(long index, int its) {
            super.sampleSolved(index, its);
            ProgressBar b = bar;
            if (b != null) {
                b.step();
                b.setExtraMessage(String.format(Locale.ROOT, " mean its %.1f", meanIterations()));
            }
        }

        @Override
        public void notice(String message) {
            terminal.println("kforge: " + message);
        }

        @Override
        public void finish() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static final class Lines extends Counting {
        private final String task;
        private final PrintWriter log;

        Lines(String task, PrintWriter log) {
            this.task = task;
            this.log = log;
        }

        @Override
        public void start(long totalSamples, long alreadyDone) {
            super.start(totalSamples, alreadyDone);
            log.printf(Locale.ROOT, task + ": %d samples in this process, %d already done%n", totalSamples,
                    alreadyDone);
            log.flush();
        }

        @Override
        public void notice(String message) {
            log.println(task + ": " + message);
            log.flush();
        }

        @Override
        public void shardSkipped(int k, int samples) {
            log.printf(Locale.ROOT, task + ": shard %d complete (checksum verified), skipped%n", k);
            log.flush();
        }

        @Override
        public void shardWritten(int k, Path file, String sha256) {
            long now = done + solved.get();
            double r = rate();
            long left = total - now;
            String eta = r > 0 ? formatSeconds(left / r) : "?";
            log.printf(Locale.ROOT, task + ": shard %d written (%s, sha256 %s); %d/%d samples, %.2f samples/s,"
                    + " mean iterations %.1f, ETA %s%n", k, file.getFileName(), sha256.substring(0, 12), now, total,
                    r, meanIterations(), eta);
            log.flush();
        }

        private static String formatSeconds(double s) {
            long t = Math.round(s);
            return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
        }
    }
}
