package org.ntk4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ntk4j} command line: one subcommand per job. */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
        description = "Infinite-width and finite-width neural network kernels (NNGP, NTK) on the JVM.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
