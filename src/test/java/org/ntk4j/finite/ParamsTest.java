package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/** Parameters to and from a directory of .npy files: round trip, layout, and every shape error. */
class ParamsTest {

    @TempDir
    Path dir;

    private final Network net = Stax.mlp(2, Stax.erf(), 1.2, 0.1);

    @Test
    void roundTripKeepsEveryBitAndTheNumpyLayout() throws IOException {
        Mlp mlp = Mlp.init(net, new Mlp.Shape(4, 6, 3), 9);
        Path p = dir.resolve("params");
        Params.save(mlp, p);
        NpyArray w0 = Npy.read(p.resolve("W0.npy"));
        assertArrayEquals(new int[] {6, 4}, w0.shape(), "W0 is (n1, n0)");
        assertArrayEquals(new int[] {3}, Npy.read(p.resolve("b2.npy")).shape(), "b2 is (O,)");
        assertEquals(mlp.weight(0).get(5, 3), w0.data()[5 * 4 + 3], 0.0, "C order: W0[5, 3]");
        Mlp back = Params.load(net, p);
        for (int l = 0; l <= 2; l++) {
            assertArrayEquals(mlp.weight(l).data, back.weight(l).data, 0.0);
            assertArrayEquals(mlp.bias(l), back.bias(l), 0.0);
        }
        DMatrixRMaj x = FiniteFixtures.gaussian(5, 4, 1);
        assertArrayEquals(mlp.apply(x).data, back.apply(x).data, 0.0);
    }

    @Test
    void loadedNetworkComputesTheReferenceForward() throws IOException {
        int[] widths = {3, 7, 5, 2};
        FiniteFixtures.writeParams(dir, widths, 4);
        Mlp mlp = Params.load(net, dir);
        ReferenceGradients ref = FiniteFixtures.reference(mlp, Stax.erf(), 1.2, 0.1);
        DMatrixRMaj x = FiniteFixtures.gaussian(9, 3, 2);
        DMatrixRMaj f = mlp.apply(x);
        assertEquals(9, f.numRows);
        assertEquals(2, f.numCols);
        for (int i = 0; i < 9; i++) {
            double[] want = ref.output(FiniteFixtures.row(x, i));
            for (int a = 0; a < 2; a++) {
                // a few roundings per layer in another order, erf within 4 ulp: 1e-13 relative to 1
                assertEquals(want[a], f.get(i, a), 1e-13 * Math.max(1, Math.abs(want[a])));
            }
        }
    }

    private String loadError(Class<? extends Exception> type) {
        return assertThrows(type, () -> Params.load(net, dir)).getMessage();
    }

    @Test
    void shapeMismatchesAreClearErrors() throws IOException {
        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Npy.write(dir.resolve("W1.npy"), new DMatrixRMaj(5, 6));
        String m = loadError(IllegalArgumentException.class);
        assertTrue(m.contains("W1 is 5 x 6") && m.contains("7 columns"), m);

        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Npy.write(dir.resolve("b2.npy"), new double[3]);
        m = loadError(IllegalArgumentException.class);
        assertTrue(m.contains("b2 has length 3") && m.contains("needs length 2"), m);

        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Npy.write(dir.resolve("b0.npy"), new int[] {7, 1}, new double[7]);
        m = loadError(org.ntk4j.io.NtkIoException.class);
        assertTrue(m.contains("b0.npy") && m.contains("1-D"), m);

        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Files.delete(dir.resolve("b1.npy"));
        m = loadError(org.ntk4j.io.NtkIoException.class);
        assertTrue(m.contains("W1.npy has no b1.npy"), m);

        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Files.delete(dir.resolve("W2.npy"));
        Files.delete(dir.resolve("b2.npy"));
        m = loadError(IllegalArgumentException.class);
        assertTrue(m.contains("2 hidden layers needs 3") && m.contains("got 2"), m);

        FiniteFixtures.writeParams(dir, new int[] {3, 7, 5, 2}, 4);
        Npy.write(dir.resolve("W0.npy"), new int[] {7, 3}, new double[] {Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        m = loadError(IllegalArgumentException.class);
        assertTrue(m.contains("W0 entry (0, 0) is NaN"), m);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        m = assertThrows(org.ntk4j.io.NtkIoException.class, () -> Params.load(net, empty)).getMessage();
        assertTrue(m.contains("no W0.npy"), m);
        m = assertThrows(org.ntk4j.io.NtkIoException.class, () -> Params.load(net, dir.resolve("nope"))).getMessage();
        assertTrue(m.contains("no such directory"), m);
    }

    @Test
    void networksThatAreNotAnMlpAreRefused() {
        Network denseFirst = Stax.serial(Stax.dense(1, 0), Stax.dense(1, 0), Stax.relu(), Stax.dense(1, 0));
        String m = assertThrows(IllegalArgumentException.class, () -> Mlp.init(denseFirst, new Mlp.Shape(2, 3, 1), 1)).getMessage();
        assertTrue(m.contains("layer 1"), m);
        Network twoDense = Stax.serial(Stax.dense(1, 0), Stax.dense(1, 0));
        m = assertThrows(IllegalArgumentException.class, () -> Mlp.init(twoDense, new Mlp.Shape(2, 3, 1), 1)).getMessage();
        assertTrue(m.contains("layer 1"), m);
        assertThrows(IllegalArgumentException.class, () -> Mlp.init(net, new Mlp.Shape(2, 0, 1), 1));
    }

    @Test
    void savingOntoAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Mlp mlp = Mlp.init(Stax.mlp(1, Stax.relu(), 1, 0), new Mlp.Shape(2, 3, 1), 1);
        String m = assertThrows(org.ntk4j.io.NtkIoException.class, () -> Params.save(mlp, file)).getMessage();
        assertTrue(m.contains("not a directory"), m);
        assertEquals("x", Files.readString(file));
    }
}
