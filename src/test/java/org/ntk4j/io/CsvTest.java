package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("x.csv"), text, StandardCharsets.UTF_8);
    }

    private String rejected(String text) throws IOException {
        Path path = csv(text);
        return assertThrows(NtkIoException.class, () -> Csv.read(path)).getMessage()
                .replace(path.toString(), "x.csv");
    }

    private static void assertMatrix(int rows, int cols, double[] data, DMatrixRMaj m) {
        assertEquals(rows, m.numRows, "rows");
        assertEquals(cols, m.numCols, "cols");
        assertArrayEquals(data, Arrays.copyOf(m.data, m.getNumElements()));
    }

    @Test
    void roundTripIsExact() throws IOException {
        Random random = new Random(5);
        DMatrixRMaj m = new DMatrixRMaj(20, 7);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian() * Math.pow(10, random.nextInt(601) - 300);
        }
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1};
        System.arraycopy(special, 0, m.data, 0, special.length);
        Path path = dir.resolve("m.csv");
        Csv.write(path, m);
        assertMatrix(20, 7, m.data, Csv.read(path)); // assertArrayEquals compares bits, so -0.0 counts
    }

    @Test
    void writesDoubleToStringOneRowPerLine() throws IOException {
        Path path = dir.resolve("w.csv");
        Csv.write(path, new DMatrixRMaj(new double[][] {{1, 0.5}, {-2, 1e-10}}));
        assertEquals("1.0,0.5\n-2.0,1.0E-10\n", Files.readString(path));
    }

    @Test
    void skipsHeaderLine() throws IOException {
        assertMatrix(2, 3, new double[] {1, 2, 3, 4, 5, 6}, Csv.read(csv("a,b,c\n1,2,3\n4,5,6\n")));
        assertMatrix(1, 2, new double[] {1, 2}, Csv.read(csv("x1, 2\n1,2\n")));
    }

    @Test
    void blankLinesAndWhitespace() throws IOException {
        assertMatrix(2, 2, new double[] {1, 2, 3, 4}, Csv.read(csv("\n 1 , 2\n\n\t3,4 \n   \n")));
    }

    @Test
    void crlfAndByteOrderMark() throws IOException {
        assertMatrix(1, 2, new double[] {1, 2}, Csv.read(csv("\uFEFFx,y\r\n1,2\r\n")));
        assertMatrix(1, 2, new double[] {3, 4}, Csv.read(csv("\uFEFF3,4\r\n")));
    }

    @Test
    void nanAndInfinitySpellings() throws IOException {
        double inf = Double.POSITIVE_INFINITY;
        assertMatrix(1, 7, new double[] {Double.NaN, Double.NaN, inf, -inf, inf, -inf, inf},
                Csv.read(csv("NaN,nan,Inf,-inf,+Infinity,-Infinity,INF\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", ".5", "5.", "-.5e-3", "+7", "0001", "1E+2"})
    void decimalForms(String token) {
        assertEquals(Double.parseDouble(token), Csv.parse(" " + token + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "e5", "1e", "+-1", "1.2.3", "1d", "2f", "0x10", "0x1p3", "1,5", "infinit", "١"})
    void notNumbers(String token) {
        assertThrows(NumberFormatException.class, () -> Csv.parse(token));
    }

    @Test
    void raggedRowNamesTheLine() throws IOException {
        assertEquals("x.csv line 3: expected 5 numbers, found 4", rejected("1,2,3,4,5\n6,7,8,9,10\n1,2,3,4\n"));
        assertEquals("x.csv line 4: expected 2 numbers, found 3", rejected("a,b\n1,2\n\n3,4,5\n"));
    }

    @Test
    void nonNumberNamesLineAndToken() throws IOException {
        assertEquals("x.csv line 2: 'abc' is not a number", rejected("a,b\n1, abc \n"));
        assertEquals("x.csv line 3: '1d' is not a number", rejected("1,2\n3,4\n1d,2\n"));
        assertEquals("x.csv line 2: field 2 is empty", rejected("1,2\n3,\n"));
    }

    @Test
    void firstNonNumericLineIsTakenAsHeaderSoASecondOneIsAnError() throws IOException {
        assertEquals("x.csv line 2: 'y' is not a number", rejected("x,1\ny,2\n"));
    }

    @Test
    void noDataRows() throws IOException {
        assertMatrix(0, 3, new double[0], Csv.read(csv("a,b,c\n")));
        assertMatrix(0, 0, new double[0], Csv.read(csv("")));
        Path path = dir.resolve("empty.csv");
        Csv.write(path, new DMatrixRMaj(0, 4));
        assertMatrix(0, 0, new double[0], Csv.read(path)); // the column count is not stored
    }

    @Test
    void manyRowsGrowTheBuffer() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c\n");
        double[] expected = new double[3 * 5000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i / 8.0;
            text.append(expected[i]).append(i % 3 == 2 ? "\n" : ",");
        }
        assertMatrix(5000, 3, expected, Csv.read(csv(text.toString())));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": no such file",
                assertThrows(NtkIoException.class, () -> Csv.read(missing)).getMessage());
    }
}
