package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.io.NpyBytes.doubles;
import static org.ntk4j.io.NpyBytes.file;
import static org.ntk4j.io.NpyBytes.floats;
import static org.ntk4j.io.NpyBytes.header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed or unsupported file is an NtkIoException whose one-line message names file and problem. */
class NpyRejectTest {

    @TempDir
    Path dir;

    private interface Reader {
        Object read(Path path) throws IOException;
    }

    /** Asserts that {@code reader} rejects {@code bytes}; returns the message after "<path>: ". */
    private String rejected(byte[] bytes, Reader reader) throws IOException {
        Path path = NpyBytes.write(dir, "A.npy", bytes);
        NtkIoException e = assertThrows(NtkIoException.class, () -> reader.read(path));
        String message = e.getMessage();
        assertTrue(message.startsWith(path + ": "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return message.substring(path.toString().length() + 2);
    }

    private String rejected(byte[] bytes) throws IOException {
        return rejected(bytes, Npy::readMatrix);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "<i4 ; unsupported dtype '<i4' (ntk4j reads '<f8' and '<f4')",
        ">f8 ; unsupported big-endian dtype '>f8' (ntk4j reads '<f8' and '<f4')",
        "|f8 ; unsupported dtype '|f8' (ntk4j reads '<f8' and '<f4')",
        "<c16 ; unsupported dtype '<c16' (ntk4j reads '<f8' and '<f4')",
    })
    void unsupportedDtypes(String descr, String expected) throws IOException {
        assertEquals(expected, rejected(file(header(descr, "(2,)"), doubles(1, 2))));
    }

    @Test
    void structuredDtype() throws IOException {
        String header = "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (2,), }";
        assertTrue(rejected(file(header, doubles(1, 2))).startsWith("structured dtypes are not supported"));
    }

    @Test
    void fortranOrder() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }";
        assertEquals("Fortran-order arrays are not supported", rejected(file(header, doubles(1, 2, 3, 4))));
    }

    @Test
    void matrixMustBeOneOrTwoDimensional() throws IOException {
        assertEquals("expected a 1-D or 2-D array, found a 3-D array of shape (2, 1, 1)",
                rejected(file(header("<f8", "(2, 1, 1)"), doubles(1, 2))));
        assertEquals("expected a 1-D or 2-D array, found a 0-D array of shape ()",
                rejected(file(header("<f8", "()"), doubles(1))));
    }

    @Test
    void vectorMustBeOneDimensionalOrOneColumn() throws IOException {
        assertEquals("expected a vector (1-D, or 2-D with one column), found a 2-D array of shape (1, 2)",
                rejected(file(header("<f8", "(1, 2)"), doubles(1, 2)), Npy::readVector));
        assertTrue(rejected(file(header("<f8", "(2, 2)"), doubles(1, 2, 3, 4)), Npy::readVector)
                .startsWith("expected a vector"));
    }

    @Test
    void truncatedData() throws IOException {
        assertEquals("truncated: header says 12 x 5 doubles (480 bytes), file has 400",
                rejected(file(header("<f8", "(12, 5)"), new byte[400])));
        assertEquals("truncated: header says 3 floats (12 bytes), file has 8",
                rejected(file(header("<f4", "(3,)"), floats(1, 2)), Npy::read));
        assertEquals("truncated: header says 1 double (8 bytes), file has 0",
                rejected(file(header("<f8", "()"), new byte[0]), Npy::read));
    }

    @Test
    void trailingBytes() throws IOException {
        assertEquals("3 unexpected bytes after the data; header says 2 doubles (16 bytes)",
                rejected(file(header("<f8", "(2,)"), new byte[19])));
    }

    @Test
    void notAnNpyFile() throws IOException {
        assertEquals("not a .npy file (bad magic bytes)",
                rejected("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] almost = file(header("<f8", "(1,)"), doubles(1));
        almost[5] = 'Z';
        assertEquals("not a .npy file (bad magic bytes)", rejected(almost));
        assertEquals("empty file, not a .npy array", rejected(new byte[0]));
    }

    @Test
    void truncatedPreambleAndHeader() throws IOException {
        byte[] full = file(header("<f8", "(1,)"), doubles(1));
        assertEquals("truncated: file ends inside the .npy preamble", rejected(Arrays.copyOf(full, 9)));
        String message = rejected(Arrays.copyOf(full, 30));
        assertTrue(message.startsWith("truncated: header length is"), message);
    }

    @ParameterizedTest
    @CsvSource({"4, 0", "1, 1", "0, 0"})
    void unsupportedVersions(int major, int minor) throws IOException {
        byte[] bytes = file(header("<f8", "(1,)"), doubles(1));
        bytes[6] = (byte) major;
        bytes[7] = (byte) minor;
        assertEquals("unsupported .npy format version " + major + "." + minor + " (ntk4j reads 1.0, 2.0 and 3.0)",
                rejected(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\" | malformed header: expected '{' at the end",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,),"
                + " | malformed header: expected a quoted string at the end",
        "{'descr' '<f8', 'fortran_order': False, 'shape': (1,)} | malformed header: expected ':' at character 9",
        "{'descr': <f8, 'fortran_order': False, 'shape': (1,)} | malformed header: expected a string, True, False",
        "{'descr': '<f8, 'fortran_order': False, 'shape': (1,)} | malformed header: expected ',' or '}'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x"
                + " | malformed header: unexpected text after the closing '}'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [1]} | malformed header: expected a string, True, False",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1)}"
                + " | malformed header: (1) is not a tuple, a 1-tuple is written (1,)",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,,)} | malformed header: expected a dimension",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1 2)} | malformed header: expected ',' or ')'",
        "{'descr': '<f8', 'fortran_order': false, 'shape': (1,)} | malformed header: expected a string, True, False",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'descr': '<f8'}"
                + " | malformed header: duplicate key 'descr'",
        "{'descr': '<f8', 'fortran_order': False} | header has no 'shape' key",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 'y'}"
                + " | unexpected key 'x' in header",
        "{'descr': (1,), 'fortran_order': False, 'shape': (1,)} | header 'descr' is not a string",
        "{'descr': '<f8', 'fortran_order': 'no', 'shape': (1,)} | header 'fortran_order' is not True or False",
        "{'descr': '<f8', 'fortran_order': False, 'shape': '1'} | header 'shape' is not a tuple",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 4)} | negative dimension -3 in header shape",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999L, 0)}"
                + " | dimension 99999999999 in header shape exceeds 2147483647",
    })
    void malformedHeaders(String header, String expected) throws IOException {
        String message = rejected(file(header, doubles(1)), Npy::read);
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void malformedHeaderMessageQuotesTheHeader() throws IOException {
        String message = rejected(file("{'descr' '<f8',\n 'shape': (1,)}\n", doubles(1)));
        assertTrue(message.endsWith(" of {'descr' '<f8', 'shape': (1,)}"), message);
    }

    @Test
    void tooManyElementsStatesTheSize() throws IOException {
        assertEquals("array of shape (100000, 100000) has 10000000000 elements, more than the 2147483639 a Java array "
                + "can hold", rejected(file(header("<f8", "(100000, 100000)"), new byte[0])));
        String message = rejected(file(header("<f4", "(2147483647, 2147483647, 2147483647)"), new byte[0]));
        assertTrue(message.contains("has 9903520300447984150353281023 elements"), message);
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        Path missing = dir.resolve("nope.npy");
        assertEquals(missing + ": no such file",
                assertThrows(NtkIoException.class, () -> Npy.read(missing)).getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        assertEquals(folder + ": is a directory, not a file",
                assertThrows(NtkIoException.class, () -> Npy.read(folder)).getMessage());
    }
}
