package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.ConvKernels;
import org.ntk4j.kernel.ConvNet;

/** {@code kernel --net} with spatial layers: .npy images (n, H, W, C) in, the library's kernels out, one-line errors. */
class ConvCommandTest {

    @TempDir
    Path dir;

    private Path images(int[] shape, long seed) throws IOException {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] d = new double[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        Path p = dir.resolve("x" + seed + ".npy");
        Npy.write(p, shape, d);
        return p;
    }

    @Test
    void writesTheLibrarysConvKernels() throws IOException {
        Path x = images(new int[] {3, 5, 4, 2}, 1);
        String spec = "conv(3),relu,conv(3,valid),relu,gap,dense";
        CliRun r = CliRun.of("kernel", "--x1", x.toString(), "--net", spec, "--b-std", "0.1",
                "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("path offset"), r.out());
        ConvKernels.Result ref = ConvKernels.compute(ConvNet.parse(spec, 1, 0.1),
                new ConvKernels.Images(Npy.read(x).data(), 3, 5, 4, 2), null, ConvKernels.Path.AUTO, 1);
        DMatrixRMaj k = Npy.readMatrix(dir.resolve("K.npy"));
        DMatrixRMaj t = Npy.readMatrix(dir.resolve("T.npy"));
        for (int i = 0; i < 9; i++) {
            assertEquals(ref.nngp().data[i], k.data[i], 0.0);
            assertEquals(ref.ntk().data[i], t.data[i], 0.0);
        }
    }

    @Test
    void wrongRankAndSpecsThatDoNotFitAreOneLineErrors() throws IOException {
        Path flat = images(new int[] {3, 4}, 2);
        Path small = images(new int[] {2, 3, 3, 1}, 3);
        String[][] cases = {
            {flat.toString(), "conv(3),relu,flatten,dense", "rank 2"},
            {small.toString(), "conv(5,valid),relu,flatten,dense", "does not fit"},
            {small.toString(), "conv(3),relu,avgpool(4),flatten,dense", "larger than"},
            {small.toString(), "conv(3,odd),relu,flatten,dense", "padding"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("kernel", "--x1", c[0], "--net", c[1], "--b-std", "0.1", "--nngp-out", dir.resolve("K2.npy").toString());
            assertEquals(2, r.code(), c[1] + ": " + r.err());
            assertTrue(r.err().contains(c[2]) && r.err().strip().lines().count() == 1, r.err());
            assertFalse(Files.exists(dir.resolve("K2.npy")));
        }
    }
}
