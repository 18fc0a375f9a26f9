package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NpyRoundTripTest {

    @TempDir
    Path dir;

    static Stream<int[]> matrixShapes() {
        return Stream.of(new int[] {0, 3}, new int[] {0, 0}, new int[] {1, 1}, new int[] {3, 4},
                new int[] {1, 5}, new int[] {5, 1}, new int[] {3, 0});
    }

    @ParameterizedTest
    @MethodSource("matrixShapes")
    void matrixRoundTrips(int[] shape) throws IOException {
        DMatrixRMaj m = random(shape[0], shape[1], 7);
        Path file = dir.resolve("m.npy");
        Npy.write(file, m);
        DMatrixRMaj back = Npy.readMatrix(file);
        assertEquals(m.numRows, back.numRows);
        assertEquals(m.numCols, back.numCols);
        assertArrayEquals(m.data, Arrays.copyOf(back.data, back.getNumElements()));
        assertEquals(new NpyArray(shape, m.data), Npy.read(file));
    }

    @Test
    void specialValuesKeepTheirBits() throws IOException {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, -1.0 / 3,
            Double.longBitsToDouble(0x7ff8000000000123L)}; // a NaN with a payload
        Path file = dir.resolve("special.npy");
        Npy.write(file, values);
        double[] back = Npy.readVector(file);
        assertEquals(values.length, back.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back[i]), "element " + i);
        }
    }

    @Test
    void vectorIsOneDimensional() throws IOException {
        double[] v = {1.5, -2, 3};
        Path file = dir.resolve("v.npy");
        Npy.write(file, v);
        assertArrayEquals(new int[] {3}, Npy.read(file).shape());
        assertArrayEquals(v, Npy.readVector(file));
        DMatrixRMaj column = Npy.readMatrix(file);
        assertEquals(3, column.numRows);
        assertEquals(1, column.numCols);
        assertArrayEquals(v, column.data);
    }

    @Test
    void emptyVector() throws IOException {
        Path file = dir.resolve("empty.npy");
        Npy.write(file, new double[0]);
        assertEquals(0, Npy.readVector(file).length);
        DMatrixRMaj m = Npy.readMatrix(file);
        assertEquals(0, m.numRows);
        assertEquals(1, m.numCols);
    }

    static Stream<int[]> generalShapes() {
        return Stream.of(new int[0], new int[] {4}, new int[] {2, 3, 4, 5}, new int[] {2, 0, 3},
                new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 2});
    }

    @ParameterizedTest
    @MethodSource("generalShapes")
    void anyRankRoundTrips(int[] shape) throws IOException {
        int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] data = new Random(count).doubles(count).toArray();
        Path file = dir.resolve("t.npy");
        Npy.write(file, shape, data);
        NpyArray back = Npy.read(file);
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(data, back.data());
    }

    @Test
    void writesOnlyTheElementsOfAReshapedMatrix() throws IOException {
        DMatrixRMaj m = random(4, 4, 3);
        m.reshape(2, 3, true); // the backing array keeps 16 elements
        Path file = dir.resolve("r.npy");
        Npy.write(file, m);
        assertArrayEquals(Arrays.copyOf(m.data, 6), Npy.read(file).data());
    }

    @Test
    void headerFollowsNumpysLayout() throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, new DMatrixRMaj(3, 4));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("\u0093NUMPY", new String(bytes, 0, 6, StandardCharsets.ISO_8859_1));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = b.getShort(8) & 0xFFFF;
        assertEquals(0, (10 + headerLength) % 64, "data starts on a 64-byte boundary");
        assertEquals(10 + headerLength + 12 * 8, bytes.length);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals("", header.substring(header.indexOf('}') + 1, headerLength - 1).strip(), "only spaces pad");
    }

    @Test
    void oneTupleAndEmptyTupleAreWrittenLikePython() throws IOException {
        Path file = dir.resolve("t.npy");
        Npy.write(file, new double[] {1, 2});
        assertTrue(headerOf(file).contains("'shape': (2,), }"));
        Npy.write(file, new int[0], new double[] {5});
        assertTrue(headerOf(file).contains("'shape': (), }"));
    }

    @Test
    void headerLongerThan65535BytesUsesVersion2() throws IOException {
        int[] shape = new int[22_000]; // "1, " each: about 66 000 header bytes
        Arrays.fill(shape, 1);
        Path file = dir.resolve("deep.npy");
        Npy.write(file, shape, new double[] {42});
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, bytes[6]);
        int headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        assertTrue(headerLength > 0xFFFF);
        assertEquals(0, (12 + headerLength) % 64);
        NpyArray back = Npy.read(file);
        assertEquals(22_000, back.rank());
        assertArrayEquals(new double[] {42}, back.data());
    }

    @Test
    void rejectsShapeThatDoesNotFitTheData() {
        Path file = dir.resolve("bad.npy");
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.write(file, new int[] {2, 3}, new double[5]));
        assertTrue(e.getMessage().contains("(2, 3) holds 6 elements but data has 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Npy.write(file, new int[] {-1, -1}, new double[1]));
        assertTrue(e.getMessage().contains("negative dimension"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void mnistSizedMatrixRoundTrips() throws IOException {
        DMatrixRMaj m = random(10_000, 784, 1);
        Path file = dir.resolve("mnist.npy");
        Npy.write(file, m);
        DMatrixRMaj back = Npy.readMatrix(file);
        assertEquals(10_000, back.numRows);
        assertArrayEquals(m.data, back.data);
    }

    private static String headerOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 10, bytes.length - 10, StandardCharsets.ISO_8859_1);
    }

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = random.nextGaussian() * Math.pow(10, random.nextInt(41) - 20);
        }
        return m;
    }
}
