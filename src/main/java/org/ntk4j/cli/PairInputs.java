package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Option;

/** The inputs of the commands that compute a kernel between two sets: --x1 and, optionally, --x2. */
final class PairInputs {

    @Option(names = "--x1", required = true, paramLabel = "A.npy", description = "Inputs, n1 x d (.npy or .csv).")
    Path x1;

    @Option(names = "--x2", paramLabel = "B.npy", description = "Second inputs, n2 x d (default: x1 against itself).")
    Path x2;

    DMatrixRMaj first() throws IOException {
        return Inputs.read(x1);
    }

    /** The second inputs, or null without --x2. */
    DMatrixRMaj secondOrNull() throws IOException {
        return x2 == null ? null : Inputs.read(x2);
    }
}
