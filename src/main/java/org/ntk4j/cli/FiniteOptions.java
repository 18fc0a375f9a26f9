package org.ntk4j.cli;

import org.ntk4j.kernel.Network;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The network options shared by {@code entk} and {@code mc}. */
final class FiniteOptions {

    @Mixin
    WidthOption width;

    @Option(names = "--outputs", paramLabel = "O", description = "Readout units, >= 1.")
    Integer outputs;

    @Mixin
    NetworkOptions net;

    @Mixin
    ExecutionOptions exec;

    /** Fails unless the option is given and at least min. */
    static int require(Integer v, String name, int min) {
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** The network of --net or of --depth and --activation. */
    Network network() {
        return net.network();
    }

    int threads() {
        return exec.threads();
    }
}
