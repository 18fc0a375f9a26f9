package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.MatrixFiles;
import picocli.CommandLine.Option;

/** Where the commands that produce an NNGP and an NTK write them: --nngp-out and/or --ntk-out. */
final class KernelOutputs {

    @Option(names = "--nngp-out", paramLabel = "K.npy", description = "Where to write the NNGP (.npy or .csv).")
    Path nngpOut;

    @Option(names = "--ntk-out", paramLabel = "T.npy", description = "Where to write the NTK (.npy or .csv).")
    Path ntkOut;

    /** Before any work: at least one output, each writable. */
    void check() throws IOException {
        if (nngpOut == null && ntkOut == null) {
            throw new IllegalArgumentException("nothing to write: give --nngp-out and/or --ntk-out");
        }
        Inputs.requireWritable(nngpOut, ntkOut);
    }

    /** Writes the kernels asked for, each atomically. */
    void write(DMatrixRMaj nngp, DMatrixRMaj ntk) throws IOException {
        if (nngpOut != null) {
            MatrixFiles.write(nngpOut, nngp);
        }
        if (ntkOut != null) {
            MatrixFiles.write(ntkOut, ntk);
        }
    }
}
