package org.ntk4j.cli;

import java.util.Iterator;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Catalog;
import org.ntk4j.kernel.ConvNet;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import picocli.CommandLine.Option;

/**
 * The network every command takes, with one set of defaults: {@code --net SPEC}, or the
 * fully-connected shorthand {@code --depth L --activation A} for dense,A,dense,...,dense. A bare
 * dense layer has {@code --w-std} and {@code --b-std}, by default 1 and 0 as neural-tangents'
 * Dense has.
 */
final class NetworkOptions {

    /** The default depth of the shorthand. */
    static final int DEFAULT_DEPTH = 3;

    @Option(names = "--net", paramLabel = "SPEC",
            description = "The network as comma-separated layers, e.g. dense,relu,dense,relu,dense or"
                    + " 'dense(1.5,0.05),erf,dense'; layers: ${COMPLETION-CANDIDATES}. The last layer must be dense."
                    + " Instead of --depth and --activation.", completionCandidates = LayerNames.class)
    String net;

    @Option(names = "--depth", paramLabel = "L",
            description = "Hidden layers of dense,A,dense,...,dense (default: " + DEFAULT_DEPTH + ").")
    Integer depth;

    @Option(names = "--activation", paramLabel = "A",
            description = "The activation A of the shorthand, a layer of the --net grammar such as relu, erf or"
                    + " leaky-relu(0.1) (default: relu).")
    String activation;

    @Option(names = "--w-std", defaultValue = "1.0", paramLabel = "S",
            description = "Weight standard deviation of every dense layer not given its own (default: ${DEFAULT-VALUE},"
                    + " as neural-tangents' Dense).")
    double wStd;

    @Option(names = "--b-std", defaultValue = "0.0", paramLabel = "S",
            description = "Bias standard deviation of every dense layer not given its own (default: ${DEFAULT-VALUE},"
                    + " as neural-tangents' Dense).")
    double bStd;

    /** The catalog's layers in their grammar form, for the help of --net. */
    static final class LayerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Catalog.entries().stream().map(Catalog.Entry::usage).iterator();
        }
    }

    /** The convolutional network of --net, or null when --net names no spatial layer. */
    ConvNet convNetOrNull() {
        if (net == null || !ConvNet.isConvolutional(net)) {
            return null;
        }
        if (depth != null || activation != null) {
            throw new IllegalArgumentException("give --net or --depth/--activation, not both");
        }
        if (!(wStd >= 0) || Double.isInfinite(wStd) || !(bStd >= 0) || Double.isInfinite(bStd)) {
            throw new IllegalArgumentException("--w-std and --b-std must be finite and >= 0, got " + wStd + " and " + bStd);
        }
        return ConvNet.parse(net, wStd, bStd);
    }

    /** The network the options describe; a bad spec or value is a one-line error. */
    Network network() {
        if (!(wStd >= 0) || Double.isInfinite(wStd) || !(bStd >= 0) || Double.isInfinite(bStd)) {
            throw new IllegalArgumentException("--w-std and --b-std must be finite and >= 0, got " + wStd + " and " + bStd);
        }
        if (net != null) {
            if (depth != null || activation != null) {
                throw new IllegalArgumentException("give --net or --depth/--activation, not both");
            }
            return Stax.parse(net, wStd, bStd);
        }
        int l = depth();
        Activation phi;
        try {
            phi = Stax.parseActivation(activationName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--activation: " + e.getMessage());
        }
        return Stax.mlp(l, phi, wStd, bStd);
    }

    /** The shorthand's activation as given (relu by default). */
    String activationName() {
        return activation == null ? "relu" : activation;
    }

    /** The shorthand's depth, checked. */
    int depth() {
        int l = depth == null ? DEFAULT_DEPTH : depth;
        if (l < 0) {
            throw new IllegalArgumentException("--depth must be >= 0, got " + l);
        }
        return l;
    }
}
