package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ntk4j} command line: one subcommand per job. Bad input ends with a one-line error
 * and exit code 2, never a stack trace (set -Dntk4j.debug=true to see one).
 */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
        description = "Infinite-width and finite-width neural network kernels (NNGP, NTK) on the JVM.",
        subcommands = {FashionMnistCommand.class, KernelCommand.class, PredictCommand.class, EntkCommand.class, LayersCommand.class,
                McCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input or a failed job. */
    public static final int BAD_INPUT = 2;

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
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
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
        if (ex instanceof IllegalArgumentException || ex instanceof IOException) {
            cl.getErr().println(name + ": error: " + oneLine(ex.getMessage()));
        } else {
            cl.getErr().println(name + ": internal error: " + ex);
        }
        if (Boolean.getBoolean("ntk4j.debug")) {
            ex.printStackTrace(cl.getErr());
        }
        return BAD_INPUT;
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ');
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
