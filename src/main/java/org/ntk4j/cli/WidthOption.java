package org.ntk4j.cli;

import picocli.CommandLine.Option;

/** {@code --width}, the hidden units of a finite network: the same option in {@code entk}, {@code mc} and {@code train}. */
final class WidthOption {

    @Option(names = "--width", paramLabel = "W", description = "Units per hidden layer, >= 1.")
    Integer value;

    /** The width, which must be given. */
    int require() {
        return FiniteOptions.require(value, "--width", 1);
    }
}
