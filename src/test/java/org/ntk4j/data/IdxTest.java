package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.NtkIoException;

/** The IDX reader on hand-built bytes, plain and gzip, and on malformed headers. */
class IdxTest {

    @TempDir
    Path dir;

    /** 3 images of 2 × 2: header 00 00 08 03, dims 3, 2, 2, then 12 pixel bytes. */
    private static final byte[] IMAGES = {
        0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
        0, 1, 2, 3, 10, 20, 30, (byte) 255, 7, 7, 7, (byte) 128};

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static Idx.Array read(byte[] b, int max) throws IOException {
        return Idx.read(new ByteArrayInputStream(b), "test.idx", max);
    }

    @Test
    void readsPlainAndGzip() throws IOException {
        for (byte[] bytes : new byte[][] {IMAGES, gzip(IMAGES)}) {
            Idx.Array a = read(bytes, Integer.MAX_VALUE);
            assertArrayEquals(new int[] {3, 2, 2}, a.shape());
            assertEquals(3, a.items());
            assertEquals(4, a.itemSize());
            assertEquals(255, a.get(7));
            assertEquals(128, a.get(11));
            assertEquals(20, a.get(5));
        }
    }

    @Test
    void readsOnlyTheItemsAskedFor() throws IOException {
        Idx.Array a = read(gzip(IMAGES), 2);
        assertEquals(2, a.items());
        assertEquals(8, a.data().length);
        assertEquals(0, read(IMAGES, 0).items());
    }

    @Test
    void readsFilesByPath() throws IOException {
        Path plain = dir.resolve("x-idx3-ubyte");
        Path gz = dir.resolve("x-idx3-ubyte.gz");
        Files.write(plain, IMAGES);
        Files.write(gz, gzip(IMAGES));
        assertArrayEquals(Idx.read(plain).data(), Idx.read(gz).data());
        NtkIoException e = assertThrows(NtkIoException.class, () -> Idx.read(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    private static byte[] with(int index, int value) {
        byte[] b = IMAGES.clone();
        b[index] = (byte) value;
        return b;
    }

    @Test
    void rejectsMalformedHeaders() throws IOException {
        assertMessage(with(0, 1), "not an IDX file");
        assertMessage(with(2, 0x0D), "type 0x0d is not supported");
        assertMessage(with(3, 0), "0 dimensions");
        assertMessage(with(4, 0x80), "too large");
        assertMessage(java.util.Arrays.copyOf(IMAGES, IMAGES.length - 1), "ends early");
        assertMessage(java.util.Arrays.copyOf(IMAGES, 6), "ends early");
        assertMessage(new byte[0], "ends early");
        byte[] gz = gzip(IMAGES);
        assertMessage(java.util.Arrays.copyOf(gz, gz.length - 12), "test.idx");
        byte[] corrupt = gz.clone();
        corrupt[12] ^= 0x5a;
        assertMessage(corrupt, "test.idx");
    }

    private static void assertMessage(byte[] bytes, String part) {
        NtkIoException e = assertThrows(NtkIoException.class, () -> read(bytes, Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("test.idx: ") && e.getMessage().contains(part), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
