package io.krylovforge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kforge} command line. Only this module prints. Exit codes: 0 success/converged,
 * 2 bad input (one line on stderr, no stack trace), 3 solve did not converge (with a report).
 */
@Command(name = "kforge", mixinStandardHelpOptions = true,
        versionProvider = Kforge.Version.class,
        description = "KrylovForge: iterative solvers for sparse linear systems.",
        subcommands = {SolveCommand.class, InfoCommand.class, BenchCommand.class, MeshCommand.class,
            SequenceCommand.class, GenerateCommand.class, DevicesCommand.class, TrainCommand.class,
            CommandLine.HelpCommand.class})
public final class Kforge implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_NOT_CONVERGED = 3;
    public static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = execute(args, new PrintWriter(System.out, true), err);
        } catch (OutOfMemoryError e) {
            // Last resort: readers and generators refuse oversized input themselves; this keeps
            // anything they miss to one line instead of a stack trace.
            err.println("kforge: error: out of memory (the Java heap is at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): the problem is too large for this heap;"
                    + " raise it with KFORGE_JAVA_OPTS=-Xmx...");
            code = EXIT_BAD_INPUT;
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Kforge());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("kforge: error: " + ex.getMessage());
            err.println("Try '" + commandPath(ex.getCommandLine()) + " --help' for usage.");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UserInputException || ex instanceof IllegalArgumentException
                    || ex instanceof IOException) {
                err.println("kforge: error: " + describe(ex));
                return EXIT_BAD_INPUT;
            }
            err.println("kforge: internal error (please report): " + ex);
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }

    /** "kforge" or "kforge solve": what to type before --help. */
    static String commandPath(CommandLine cl) {
        String name = cl.getCommandName();
        return "kforge".equals(name) ? "kforge" : "kforge " + name;
    }

    private static String describe(Exception ex) {
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + ex.getMessage();
        }
        String msg = ex.getMessage();
        return msg == null ? ex.getClass().getSimpleName() : msg;
    }

    /** Reads the version Maven filtered into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Kforge.class.getResourceAsStream("/kforge-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"kforge " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
