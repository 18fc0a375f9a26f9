package org.ntk4j.finite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/** Networks and inputs for the finite-width tests. */
final class FiniteFixtures {

    private FiniteFixtures() {
    }

    static DMatrixRMaj gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return x;
    }

    /** Writes W{l}.npy / b{l}.npy with the given widths as a numpy user would, Gaussian entries. */
    static double[][][] writeParams(Path dir, int[] widths, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] w = new double[widths.length - 1][][];
        for (int l = 0; l + 1 < widths.length; l++) {
            DMatrixRMaj wl = gaussian(widths[l + 1], widths[l], r.nextLong());
            double[] bl = gaussian(1, widths[l + 1], r.nextLong()).data;
            Npy.write(dir.resolve("W" + l + ".npy"), wl);
            Npy.write(dir.resolve("b" + l + ".npy"), bl);
            w[l] = new double[widths[l + 1]][];
            for (int i = 0; i < widths[l + 1]; i++) {
                w[l][i] = java.util.Arrays.copyOfRange(wl.data, i * widths[l], (i + 1) * widths[l]);
            }
        }
        return w;
    }

    /** The reference twin of a loaded network (same parameters, read back from the files). */
    static ReferenceGradients reference(Mlp mlp, Activation phi, double wStd, double bStd) {
        int layers = mlp.depth() + 1;
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            DMatrixRMaj wl = mlp.weight(l);
            w[l] = new double[wl.numRows][];
            for (int i = 0; i < wl.numRows; i++) {
                w[l][i] = java.util.Arrays.copyOfRange(wl.data, i * wl.numCols, (i + 1) * wl.numCols);
            }
            b[l] = mlp.bias(l);
        }
        return new ReferenceGradients(w, b, phi, wStd, bStd);
    }

    static Network net(int depth, Activation phi, double wStd, double bStd) {
        return Stax.mlp(depth, phi, wStd, bStd);
    }

    static double[] row(DMatrixRMaj x, int i) {
        return java.util.Arrays.copyOfRange(x.data, i * x.numCols, (i + 1) * x.numCols);
    }

    static double relFrobenius(double[] got, double[] want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - want[i]) * (got[i] - want[i]);
            den += want[i] * want[i];
        }
        return Math.sqrt(num / den);
    }
}
