package org.ntk4j.cli;

import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Stax;
import picocli.CommandLine.Option;

/** The activation options every network command shares: --activation, and the slopes --a, --b. */
final class ActivationOptions {

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT",
            description = "relu, erf, abrelu, step, leaky-relu, abs or identity (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--a", defaultValue = "0", description = "abrelu: slope for x < 0 (leaky-relu: the negative slope) (default: ${DEFAULT-VALUE}).")
    double a;

    @Option(names = "--b", defaultValue = "1", description = "abrelu: slope for x > 0 (default: ${DEFAULT-VALUE}).")
    double b;

    /** The activation named, with its slopes; an unknown name is a one-line error. */
    Activation activation() {
        return Stax.activation(name, a, b);
    }
}
