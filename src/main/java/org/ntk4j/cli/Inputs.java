package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.MatrixFiles;

/** Reading inputs and checking output paths for the commands, before any long work starts. */
final class Inputs {

    private Inputs() {
    }

    static DMatrixRMaj read(Path p) throws IOException {
        return MatrixFiles.read(p);
    }

    /** Fails now, not after an hour of work, when an output file cannot be written. */
    static void requireWritable(Path... outs) {
        for (int i = 0; i < outs.length; i++) {
            Path p = outs[i];
            if (p == null) {
                continue;
            }
            Path dir = p.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("cannot write " + p + ": directory " + dir + " does not exist");
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException("cannot write " + p + ": directory " + dir + " is not writable");
            }
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException("cannot write " + p + ": it is a directory");
            }
            for (int j = 0; j < i; j++) {
                if (outs[j] != null && outs[j].toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("two outputs go to the same file " + p);
                }
            }
        }
    }
}
