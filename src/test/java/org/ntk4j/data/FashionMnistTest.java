package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.NtkIoException;

/** The embedded subset always; the Debian package when installed. */
class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedSubsetHoldsEveryClassPreprocessed() throws IOException {
        FashionMnist.Data d = FashionMnist.loadEmbedded(FashionMnist.EMBEDDED_TRAIN, FashionMnist.EMBEDDED_TEST);
        assertEquals(2000, d.train().size());
        assertEquals(1000, d.test().size());
        assertEquals(784, d.train().x().numCols);
        int[] counts = new int[10];
        for (int l : d.train().labels()) {
            counts[l]++;
        }
        for (int c = 0; c < 10; c++) {
            // Fashion-MNIST is balanced: 200 a class on average in 2000; no class below 150
            assertTrue(counts[c] > 150, "class " + c + ": " + counts[c]);
        }
        double ss = 0;
        for (int j = 0; j < 784; j++) {
            ss += d.test().x().get(17, j) * d.test().x().get(17, j);
        }
        assertEquals(784, ss, 1e-9);
    }

    @Test
    void refusesMoreThanTheSourceHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.loadEmbedded(2001, 10));
        assertTrue(e.getMessage().contains("2000") && e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.loadEmbedded(0, 10));
    }

    @Test
    void aDirectoryWithoutTheFilesIsANamedError() {
        NtkIoException e = assertThrows(NtkIoException.class, () -> FashionMnist.load(dir, 10, 10));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertThrows(NtkIoException.class, () -> FashionMnist.load(dir.resolve("nope"), 10, 10));
    }

    @Test
    void theEmbeddedSubsetIsThePackagesFirstImages() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIR), "dataset-fashion-mnist is not installed");
        FashionMnist.Data full = FashionMnist.load(FashionMnist.SYSTEM_DIR, 2000, 1000);
        FashionMnist.Data sub = FashionMnist.loadEmbedded(2000, 1000);
        assertEquals(java.util.Arrays.toString(full.train().labels()), java.util.Arrays.toString(sub.train().labels()));
        assertTrue(java.util.Arrays.equals(full.test().x().data, sub.test().x().data));
        int[] available = FashionMnist.available(FashionMnist.SYSTEM_DIR);
        assertEquals(60000, available[0]);
        assertEquals(10000, available[1]);
    }
}
