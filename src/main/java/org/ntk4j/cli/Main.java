package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ntk4j} command line: one subcommand per job. Bad input (a usage error, a malformed
 * or missing file, a value out of range, a problem too large for memory) ends with the one-line
 * {@code <command>: error: ...} and exit code 2; an internal error (a bug) with
 * {@code <command>: internal error (please report): ...} and exit code 1. Neither prints a stack
 * trace unless NTK4J_DEBUG=1 is set in the environment (or -Dntk4j.debug=true).
 */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
        description = "Infinite-width and finite-width neural network kernels (NNGP, NTK) on the JVM.",
        subcommands = {FashionMnistCommand.class, KernelCommand.class, PredictCommand.class, EntkCommand.class, LayersCommand.class,
                McCommand.class, TrainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a usage error or bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit code for an internal error. */
    public static final int INTERNAL_ERROR = 1;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new CommandLine(new Main()), out, err, args);
    }

    /** Runs a command line configured here (the tests add commands to it). */
    static int run(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Choices.register(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getCommandLine().getCommandName() + ": error: " + ex.getMessage()
                    + " (see --help)");
            return BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("ntk4j: error: out of memory (raise the heap, e.g. NTK4J_JAVA_OPTS=-Xmx20g)");
            return BAD_INPUT;
        }
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String name = cl.getCommandName();
        boolean bad = badInput(ex);
        if (bad) {
            cl.getErr().println(name + ": error: " + oneLine(ex.getMessage()));
        } else {
            cl.getErr().println(name + ": internal error (please report): " + oneLine(ex.toString()));
        }
        if (Boolean.getBoolean("ntk4j.debug") || "1".equals(System.getenv("NTK4J_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        return bad ? BAD_INPUT : INTERNAL_ERROR;
    }

    /** The failures the user can fix: invalid arguments and data, unreadable or unwritable files. */
    private static boolean badInput(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof java.io.UncheckedIOException;
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ');
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
