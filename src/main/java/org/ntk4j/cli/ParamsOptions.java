package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntk4j.finite.Mlp;
import org.ntk4j.finite.Params;
import org.ntk4j.kernel.Network;
import picocli.CommandLine.Option;

/** Where a finite network's parameters come from and go to: the options of {@code entk} and {@code train}. */
final class ParamsOptions {

    @Option(names = "--seed", paramLabel = "N", description = "Draw the initial parameters (and any SGD batches) with this seed.")
    Long seed;

    @Option(names = "--params-in", paramLabel = "DIR", description = "Load the initial parameters from DIR/W{l}.npy, DIR/b{l}.npy.")
    Path paramsIn;

    @Option(names = "--params-out", paramLabel = "DIR", description = "Save the parameters (train: the trained ones) to DIR, created if missing.")
    Path paramsOut;

    /** Exactly one source, and a usable output directory; before any work is done. */
    void check() {
        if ((seed == null) == (paramsIn == null)) {
            throw new IllegalArgumentException("give exactly one of --seed and --params-in");
        }
        requireDirectory(paramsOut);
    }

    boolean loaded() {
        return paramsIn != null;
    }

    /** The parameters of --params-in, for this network. */
    Mlp load(Network network) throws IOException {
        return Params.load(network, paramsIn);
    }

    /** Writes mlp to --params-out, if given. */
    void save(Mlp mlp) throws IOException {
        if (paramsOut != null) {
            Params.save(mlp, paramsOut);
        }
    }

    /** A parameter directory must be a directory, or creatable in an existing writable one. */
    private static void requireDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new IllegalArgumentException("cannot write parameters to " + dir + ": not a writable directory");
            }
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IllegalArgumentException("cannot create parameter directory " + dir + ": " + parent
                    + " is not a writable directory");
        }
    }
}
