package org.ntk4j.finite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NtkIoException;

/**
 * An {@link Mlp}'s parameters as a directory of .npy files, readable by numpy: {@code W{l}.npy} of
 * shape (n_{l+1}, n_l) and {@code b{l}.npy} of shape (n_{l+1},) for l = 0 .. depth, float64 (float32
 * is read too). Each file is written atomically.
 */
public final class Params {

    private Params() {
    }

    /** Writes W0.npy, b0.npy, ..., creating dir if needed. mlp: not modified. */
    public static void save(Mlp mlp, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NtkIoException("cannot write parameters to " + dir + ": it is not a directory");
        }
        Files.createDirectories(dir);
        for (int l = 0; l <= mlp.depth(); l++) {
            Npy.write(dir.resolve("W" + l + ".npy"), new int[] {mlp.width(l + 1), mlp.width(l)}, mlp.w(l));
            Npy.write(dir.resolve("b" + l + ".npy"), new int[] {mlp.width(l + 1)}, mlp.b(l));
        }
    }

    /**
     * Reads W0.npy, b0.npy, ... from dir: as many layers as there are files W{l}.npy for l = 0, 1,
     * ... in a row. The network's structure decides how many it needs; shapes are checked here (per
     * file) and in {@link Mlp#of} (between layers).
     *
     * @throws NtkIoException naming the file for a missing file, a wrong rank or a malformed array
     * @throws IllegalArgumentException for a count or shape that does not fit the network
     */
    public static Mlp load(org.ntk4j.kernel.Network net, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NtkIoException("cannot read parameters from " + dir + ": "
                    + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        List<DMatrixRMaj> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int l = 0; Files.exists(dir.resolve("W" + l + ".npy")); l++) {
            Path wf = dir.resolve("W" + l + ".npy");
            Path bf = dir.resolve("b" + l + ".npy");
            NpyArray w = Npy.read(wf);
            if (w.rank() != 2) {
                throw new NtkIoException(wf + ": W" + l + " must be 2-D (n_out, n_in), got shape "
                        + java.util.Arrays.toString(w.shape()));
            }
            if (!Files.exists(bf)) {
                throw new NtkIoException("cannot read parameters from " + dir + ": " + wf.getFileName()
                        + " has no " + bf.getFileName());
            }
            NpyArray b = Npy.read(bf);
            if (b.rank() != 1) {
                throw new NtkIoException(bf + ": b" + l + " must be 1-D (n_out,), got shape "
                        + java.util.Arrays.toString(b.shape()));
            }
            weights.add(DMatrixRMaj.wrap(w.shape()[0], w.shape()[1], w.data()));
            biases.add(b.data());
        }
        if (weights.isEmpty()) {
            throw new NtkIoException("cannot read parameters from " + dir + ": no W0.npy");
        }
        if (Files.exists(dir.resolve("b" + weights.size() + ".npy"))) {
            throw new NtkIoException("cannot read parameters from " + dir + ": b" + weights.size()
                    + ".npy has no W" + weights.size() + ".npy");
        }
        return Mlp.of(net, weights, biases);
    }
}
