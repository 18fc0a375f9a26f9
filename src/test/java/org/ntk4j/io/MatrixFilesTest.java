package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixFilesTest {

    @TempDir
    Path dir;

    private final DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2.5, -3}, {0.1, 1e300, -0.0}});

    @ParameterizedTest
    @CsvSource({"m.npy, true", "m.NPY, true", "m.csv, false", "m.txt, false", "m.Csv, false"})
    void formatFollowsTheExtension(String name, boolean npy) throws IOException {
        Path path = dir.resolve(name);
        MatrixFiles.write(path, m);
        byte[] start = new byte[6];
        System.arraycopy(Files.readAllBytes(path), 0, start, 0, 6);
        assertEquals(npy, new String(start, StandardCharsets.ISO_8859_1).equals("\u0093NUMPY"));
        DMatrixRMaj back = MatrixFiles.read(path);
        assertEquals(2, back.numRows);
        assertEquals(3, back.numCols);
        assertArrayEquals(m.data, back.data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.bin", "m.npz", "m", "npy"})
    void unsupportedExtension(String name) throws IOException {
        Path path = dir.resolve(name);
        String expected = path + ": unsupported file type (use .npy or .csv)";
        assertEquals(expected, assertThrows(NtkIoException.class, () -> MatrixFiles.write(path, m)).getMessage());
        assertTrue(Files.notExists(path));
        Files.writeString(path, "1,2\n");
        assertEquals(expected, assertThrows(NtkIoException.class, () -> MatrixFiles.read(path)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gone.npy", "gone.csv"})
    void missingFile(String name) {
        Path path = dir.resolve(name);
        assertEquals(path + ": no such file",
                assertThrows(NtkIoException.class, () -> MatrixFiles.read(path)).getMessage());
    }

    @Test
    void directoryIsNotAFile() throws IOException {
        Path path = Files.createDirectory(dir.resolve("d.csv"));
        assertEquals(path + ": is a directory, not a file",
                assertThrows(NtkIoException.class, () -> MatrixFiles.read(path)).getMessage());
    }

    @Test
    void missingParentDirectoryOnWrite() {
        Path path = dir.resolve("no/such/m.npy");
        assertEquals("cannot write " + path + ": directory " + path.getParent() + " does not exist",
                assertThrows(NtkIoException.class, () -> MatrixFiles.write(path, m)).getMessage());
    }

    @Test
    void unreadableFile() throws IOException {
        Path path = dir.resolve("secret.npy");
        MatrixFiles.write(path, m);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(path), "permissions are not enforced for this user (root?)");
        assertEquals(path + ": permission denied",
                assertThrows(NtkIoException.class, () -> MatrixFiles.read(path)).getMessage());
    }
}
