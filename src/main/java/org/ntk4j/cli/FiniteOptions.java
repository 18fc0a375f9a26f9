package org.ntk4j.cli;

import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The network options shared by {@code entk} and {@code mc}. */
final class FiniteOptions {

    @Option(names = "--width", paramLabel = "W", description = "Units per hidden layer, >= 1.")
    Integer width;

    @Option(names = "--depth", paramLabel = "L", description = "Hidden layers, >= 0.")
    Integer depth;

    @Option(names = "--outputs", paramLabel = "O", description = "Readout units, >= 1.")
    Integer outputs;

    @Mixin
    ActivationOptions phi;

    @Option(names = "--w-std", defaultValue = "1.0", paramLabel = "S", description = "Weight standard deviation (default: ${DEFAULT-VALUE}).")
    double wStd;

    @Option(names = "--b-std", defaultValue = "0.0", paramLabel = "S", description = "Bias standard deviation (default: ${DEFAULT-VALUE}).")
    double bStd;

    @Option(names = "--impl", defaultValue = "auto", description = "auto, vector or scalar (default: ${DEFAULT-VALUE}).")
    String impl;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

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

    /** Dense, act, ..., Dense with the given number of hidden layers. */
    Network network(int hidden) {
        Activation act = phi.activation();
        return Stax.mlp(hidden, act, wStd, bStd);
    }

    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : require(threads, "--threads", 1);
    }
}
