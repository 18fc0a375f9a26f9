package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The CLI tests' one harness: runs a command line in this JVM and captures what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        return of(new CommandLine(new Main()), args);
    }

    static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** On a command line the test configured (e.g. with an extra command). */
    static CliRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(cl, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Asserts exit 2 with one line on stderr, no stack trace, and returns that line. */
    String badInput() {
        assertEquals(Main.BAD_INPUT, code, "exit code; stderr: " + err);
        assertFalse(err.contains("\tat "), "a stack trace: " + err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        return err.strip();
    }
}
