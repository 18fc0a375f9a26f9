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

/**
 * {@code kernel --net} with spatial layers, beyond ConvCommandTest: x1 against x2 for a flatten, a
 * circular gap and a pooled net (the files hold the library's bits), and csv, NaN, mismatched x2
 * and spatial-after-readout inputs exit 2 with one line and no output file.
 */
class ConvKernelCommandTest {

    private static final String NET = "conv(3, same, 1.3, 0.1),relu,conv(1),erf,flatten,dense(1.2, 0.05)";

    @TempDir
    Path dir;

    private Path images(String name, int n, int h, int w, int c, long seed) throws IOException {
        Random r = new Random(seed);
        double[] d = new double[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        Path p = dir.resolve(name);
        Npy.write(p, new int[] {n, h, w, c}, d);
        return p;
    }

    private CliRun kernel(String net, Path x1, Path x2) {
        return x2 == null
                ? CliRun.of("kernel", "--net", net, "--x1", x1.toString(), "--threads", "2",
                        "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString())
                : CliRun.of("kernel", "--net", net, "--x1", x1.toString(), "--x2", x2.toString(), "--threads", "2",
                        "--nngp-out", dir.resolve("K.npy").toString(), "--ntk-out", dir.resolve("T.npy").toString());
    }

    private static ConvKernels.Images load(Path p) throws IOException {
        var a = Npy.read(p);
        int[] s = a.shape();
        return new ConvKernels.Images(a.data(), s[0], s[1], s[2], s[3]);
    }

    /** The command is a thin caller: its files hold exactly the library's bits (which do not depend on threads). */
    @Test
    void writesTheLibrarysKernels() throws IOException {
        for (String net : new String[] {NET, "conv(3, circular),relu,gap,dense", "conv(3, valid),relu,avgpool(2),flatten,dense"}) {
            Path x1 = images("a.npy", 3, 5, 4, 2, 1);
            Path x2 = images("b.npy", 2, 5, 4, 2, 2);
            CliRun r = kernel(net, x1, x2);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("3 x 2"), r.out());
            ConvKernels.Result k = ConvKernels.compute(ConvNet.parse(net, 1.0, 0.0), load(x1), load(x2),
                    ConvKernels.Path.AUTO, 1);
            DMatrixRMaj kk = Npy.readMatrix(dir.resolve("K.npy"));
            DMatrixRMaj tt = Npy.readMatrix(dir.resolve("T.npy"));
            assertEquals(6, kk.data.length);
            for (int i = 0; i < 6; i++) {
                assertEquals(k.nngp().data[i], kk.data[i], 0.0, net);
                assertEquals(k.ntk().data[i], tt.data[i], 0.0, net);
            }
            Files.delete(dir.resolve("K.npy"));
            Files.delete(dir.resolve("T.npy"));
        }
    }

    private void bad(String expect, CliRun r) {
        String line = r.badInput();
        assertTrue(line.toLowerCase().contains(expect.toLowerCase()), "'" + expect + "' in: " + line);
        assertFalse(Files.exists(dir.resolve("K.npy")), "no output file");
        assertFalse(Files.exists(dir.resolve("T.npy")), "no output file");
    }

    @Test
    void badImagesGetOneLineAndExitTwo() throws IOException {
        Path matrix = dir.resolve("m.npy");
        Npy.write(matrix, new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}));
        bad("rank 2", kernel(NET, matrix, null));
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "1,2\n3,4\n");
        bad(".npy images", kernel(NET, csv, null));
        bad("x2 images", kernel(NET, images("a.npy", 2, 4, 4, 1, 3), images("b.npy", 2, 4, 3, 1, 4)));
        bad("does not fit", kernel("conv(5, valid),relu,flatten,dense", images("a.npy", 2, 4, 4, 1, 3), null));
        bad("before", kernel("conv(3),relu,flatten,dense,conv(1),dense", images("a.npy", 2, 4, 4, 1, 3), null));
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new int[] {1, 2, 2, 1}, new double[] {1, Double.NaN, 0, 2});
        bad("non-finite", kernel(NET, nan, null));
    }
}
