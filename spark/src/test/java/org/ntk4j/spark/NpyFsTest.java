package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NtkIoException;

/** .npy through the Hadoop FileSystem API, checked against the core library's own reader and writer. */
class NpyFsTest {

    private final Configuration conf = new Configuration();

    @Test
    void writesWhatNpyReadsAndReadsWhatNpyWrites(@TempDir Path dir) throws Exception {
        DMatrixRMaj x = TilesMatchSingleMachineTest.gaussian(37, 5, 1);
        for (String name : new String[] {dir.resolve("a.npy").toString(), "file://" + dir.resolve("b.npy")}) {
            NpyFs.write(name, 37, 5, x.data, conf);
            DMatrixRMaj back = Npy.readMatrix(Path.of(name.replace("file://", "")));
            assertArrayEquals(x.data, back.data, 0.0);
        }
        Path c = dir.resolve("c.npy");
        Npy.write(c, x);
        NpyFs.Header h = NpyFs.header("file://" + c, conf);
        assertEquals(37, h.rows());
        assertEquals(5, h.cols());
        DMatrixRMaj rows = NpyFs.readRows(h, 11, 9, conf);
        for (int i = 0; i < 9 * 5; i++) {
            assertEquals(x.data[11 * 5 + i], rows.data[i], 0.0);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
    }

    @Test
    void malformedFilesAreOneLineErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.npy");
        NtkIoException e = assertThrows(NtkIoException.class, () -> NpyFs.header(missing.toString(), conf));
        assertTrue(e.getMessage().contains("missing.npy: no such file"), e.getMessage());
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy at all");
        e = assertThrows(NtkIoException.class, () -> NpyFs.header(bad.toString(), conf));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        Path cut = dir.resolve("cut.npy");
        Npy.write(cut, TilesMatchSingleMachineTest.gaussian(4, 4, 2));
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 8));
        e = assertThrows(NtkIoException.class, () -> NpyFs.header(cut.toString(), conf));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
