package org.ntk4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ntk4j.io.NtkIoException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (LeCun et al.): two zero bytes, a type
 * code, the number of dimensions, each dimension as a big-endian 32-bit integer, then the data
 * row-major. Only unsigned bytes (type 0x08) occur in these data sets and only they are read.
 * Gzip-compressed files are recognised by their magic number.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMS = 8;

    private Idx() {
    }

    /**
     * An IDX array of unsigned bytes. Both arrays are shared, not copied (an image file is
     * tens of megabytes); treat them as read-only.
     *
     * @param shape dimensions; shape[0] counts items (images or labels)
     * @param data  the values row-major, each in 0..255 as {@code data[i] & 0xff}
     */
    public record Array(int[] shape, byte[] data) {

        /** Number of items (the first dimension). */
        public int items() {
            return shape[0];
        }

        /** Values per item (the product of the other dimensions). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < shape.length; i++) {
                s *= shape[i];
            }
            return s;
        }

        /** Unsigned value at flat index i. */
        public int get(int i) {
            return data[i] & 0xff;
        }
    }

    /** Reads every item of an IDX file, gzip or plain. */
    public static Array read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /** Reads the first min(maxItems, items) items of an IDX file, gzip or plain. */
    public static Array read(Path file, int maxItems) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NtkIoException(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxItems);
        }
    }

    /**
     * Reads the first min(maxItems, items) items from a stream, gzip or plain.
     *
     * @param name what to call the stream in error messages
     */
    public static Array read(InputStream raw, String name, int maxItems) throws IOException {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must be >= 0, got " + maxItems);
        }
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                in = new GZIPInputStream(buffered, 1 << 16);
            } catch (ZipException e) {
                throw new NtkIoException(name + ": corrupt gzip header (" + e.getMessage() + ")");
            }
        }
        try {
            return parse(new DataInputStream(in), name, maxItems);
        } catch (EOFException e) {
            throw new NtkIoException(name + ": the file ends early (truncated IDX data)");
        } catch (ZipException e) {
            throw new NtkIoException(name + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    private static Array parse(DataInputStream in, String name, int maxItems) throws IOException {
        int z0 = in.readUnsignedByte();
        int z1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int dims = in.readUnsignedByte();
        if (z0 != 0 || z1 != 0) {
            throw new NtkIoException(String.format("%s: not an IDX file (magic starts %02x %02x, expected 00 00)",
                    name, z0, z1));
        }
        if (type != UNSIGNED_BYTE) {
            throw new NtkIoException(String.format("%s: IDX type 0x%02x is not supported (only unsigned bytes, 0x08)",
                    name, type));
        }
        if (dims < 1 || dims > MAX_DIMS) {
            throw new NtkIoException(name + ": IDX file with " + dims + " dimensions (expected 1 to " + MAX_DIMS + ")");
        }
        int[] shape = new int[dims];
        long itemSize = 1;
        for (int i = 0; i < dims; i++) {
            int d = in.readInt();
            if (d < 0) {
                throw new NtkIoException(name + ": dimension " + i + " is " + Integer.toUnsignedString(d)
                        + ", too large");
            }
            shape[i] = d;
            if (i > 0) {
                itemSize *= d;
            }
        }
        int items = Math.min(shape[0], maxItems);
        long bytes = itemSize * items;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new NtkIoException(name + ": " + items + " items of " + itemSize + " bytes do not fit one array");
        }
        byte[] data = new byte[(int) bytes];
        in.readFully(data);
        shape[0] = items;
        return new Array(shape, data);
    }
}
