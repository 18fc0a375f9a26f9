package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ntk4j.io.NpyBytes.doubles;
import static org.ntk4j.io.NpyBytes.file;
import static org.ntk4j.io.NpyBytes.floats;
import static org.ntk4j.io.NpyBytes.header;

import java.io.IOException;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads hand-built files: the variants other writers produce. */
class NpyReadTest {

    @TempDir
    Path dir;

    @Test
    void float32IsWidenedExactly() throws IOException {
        float[] values = {0.1f, -2.5f, 1e30f, Float.MIN_VALUE, Float.NaN, -0f};
        Path path = NpyBytes.write(dir, "f4.npy", file(header("<f4", "(2, 3)"), floats(values)));
        DMatrixRMaj m = Npy.readMatrix(path);
        assertEquals(2, m.numRows);
        assertEquals(3, m.numCols);
        assertEquals(0.10000000149011612, m.get(0, 0), 0.0); // the float nearest 0.1, printed by numpy
        assertEquals(-2.5, m.get(0, 1), 0.0);
        assertEquals(1.0000000150474662e30, m.get(0, 2), 0.0);
        assertEquals(Math.pow(2, -149), m.get(1, 0), 0.0);
        assertEquals(Double.NaN, m.get(1, 1), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(m.get(1, 2)));
    }

    @Test
    void float32SpanningManyReadChunks() throws IOException {
        int n = 300_001; // more than one 1 MiB chunk of floats, and not a multiple of it
        float[] values = new float[n];
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.25f - 7;
            expected[i] = i * 0.25 - 7; // exact in float for these i
        }
        Path path = NpyBytes.write(dir, "long.npy", file(header("<f4", "(" + n + ",)"), floats(values)));
        assertArrayEquals(expected, Npy.readVector(path));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void versions2And3HaveA32BitHeaderLength(int major) throws IOException {
        Path path = NpyBytes.write(dir, "v.npy", file(major, header("<f8", "(2,)"), doubles(1, 2)));
        assertArrayEquals(new double[] {1, 2}, Npy.readVector(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'shape': (2, 2), 'fortran_order': False, 'descr': '<f8'}",
        "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2, 2)}",
        "{ 'fortran_order' :False ,\n\t'shape':(2,2,),'descr':'<f8' , }  \n",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 2L), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2l,2l)}",
        "{'descr': '<\\f8', 'fortran_order': False, 'shape': (+2, 0002), }",
    })
    void headerVariants(String header) throws IOException {
        Path path = NpyBytes.write(dir, "h.npy", file(header, doubles(1, 2, 3, 4)));
        DMatrixRMaj m = Npy.readMatrix(path);
        assertEquals(2, m.numRows);
        assertArrayEquals(new double[] {1, 2, 3, 4}, m.data);
    }

    @Test
    void oneTupleWithLSuffix() throws IOException {
        Path path = NpyBytes.write(dir, "l.npy", file("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }",
                doubles(1, 2, 3)));
        assertArrayEquals(new int[] {3}, Npy.read(path).shape());
    }

    @Test
    void paddedHeaderLikeNumpys() throws IOException {
        String header = header("<f8", "(1, 1)");
        header = header.strip() + " ".repeat(64 - (10 + header.length()) % 64) + "\n";
        Path path = NpyBytes.write(dir, "p.npy", file(header, doubles(7)));
        assertArrayEquals(new double[] {7}, Npy.read(path).data());
    }

    @Test
    void zeroRowsWithNoData() throws IOException {
        Path path = NpyBytes.write(dir, "z.npy", file(header("<f4", "(0, 5)"), new byte[0]));
        DMatrixRMaj m = Npy.readMatrix(path);
        assertEquals(0, m.numRows);
        assertEquals(5, m.numCols);
    }

    @Test
    void zeroDimensionalScalar() throws IOException {
        Path path = NpyBytes.write(dir, "s.npy", file(header("<f8", "()"), doubles(3.5)));
        NpyArray a = Npy.read(path);
        assertEquals(0, a.rank());
        assertArrayEquals(new double[] {3.5}, a.data());
    }

    @Test
    void columnVectorIsAVector() throws IOException {
        Path path = NpyBytes.write(dir, "c.npy", file(header("<f8", "(3, 1)"), doubles(1, 2, 3)));
        assertArrayEquals(new double[] {1, 2, 3}, Npy.readVector(path));
    }
}
