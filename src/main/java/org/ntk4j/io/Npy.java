package org.ntk4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes NumPy {@code .npy} files of doubles.
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 with dtype {@code '<f8'} or {@code '<f4'} in C order;
 * writes {@code '<f8'} as version 1.0 (2.0 only for a header too long for 1.0). Anything else,
 * and any malformed or truncated file, is an {@link NtkIoException} naming the file and the problem.
 */
public final class Npy {

    /** The largest array a JVM reliably allocates. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** A header this long is corruption, not a shape; stops a bad length from allocating gigabytes. */
    private static final int MAX_HEADER = 1 << 20;
    /** Bytes per bulk transfer: large enough to amortise system calls, small enough to stay in cache. */
    private static final int CHUNK = 1 << 20;
    private static final String SUPPORTED = "(ntk4j reads '<f8' and '<f4')";

    private Npy() {
    }

    /** Reads an array of any rank. */
    public static NpyArray read(Path path) throws IOException {
        return read(path, shape -> true, "");
    }

    /** Reads a 2-D array as rows x cols, or a 1-D array of length n as n x 1. */
    public static DMatrixRMaj readMatrix(Path path) throws IOException {
        NpyArray array = read(path, shape -> shape.length == 1 || shape.length == 2, "a 1-D or 2-D array");
        int[] shape = array.shape();
        // wrap, not copy: the matrix takes over the array just read.
        return DMatrixRMaj.wrap(shape[0], shape.length == 2 ? shape[1] : 1, array.data());
    }

    /** Reads a 1-D array, or a 2-D array with one column. */
    public static double[] readVector(Path path) throws IOException {
        return read(path, shape -> shape.length == 1 || shape.length == 2 && shape[1] == 1,
                "a vector (1-D, or 2-D with one column)").data();
    }

    /** Writes {@code matrix} as a 2-D array. Not modified. */
    public static void write(Path path, DMatrixRMaj matrix) throws IOException {
        Objects.requireNonNull(matrix, "matrix");
        // Only the first rows*cols elements: EJML may keep a longer array after a reshape.
        write(path, new int[] {matrix.numRows, matrix.numCols}, matrix.data, matrix.getNumElements());
    }

    /** Writes {@code vector} as a 1-D array. Not modified. */
    public static void write(Path path, double[] vector) throws IOException {
        Objects.requireNonNull(vector, "vector");
        write(path, new int[] {vector.length}, vector, vector.length);
    }

    /**
     * Writes an array of any rank; {@code data} is in C order. Neither argument is modified.
     *
     * @throws IllegalArgumentException if a dimension is negative or the shape does not fit the data
     */
    public static void write(Path path, int[] shape, double[] data) throws IOException {
        write(path, new NpyArray(shape, data));
    }

    /** Writes {@code array}. Not modified. */
    public static void write(Path path, NpyArray array) throws IOException {
        write(path, array.shape(), array.data(), array.data().length);
    }

    private static void write(Path path, int[] shape, double[] data, int count) throws IOException {
        byte[] header = NpyHeader.encode(shape);
        AtomicFile.write(path, out -> {
            out.write(header);
            writeData(out, data, count);
        });
    }

    private static NpyArray read(Path path, Predicate<int[]> shapeOk, String expected) throws IOException {
        String file = path.toString();
        try (FileChannel channel = Inputs.channel(path)) {
            NpyHeader header = readHeader(channel, file);
            int itemSize = switch (header.descr()) {
                case "<f8" -> Double.BYTES;
                case "<f4" -> Float.BYTES;
                default -> throw new NtkIoException(file + ": unsupported "
                        + (header.descr().startsWith(">") ? "big-endian " : "")
                        + "dtype '" + header.descr().replaceAll("\\p{Cntrl}", "?") + "' " + SUPPORTED);
            };
            if (header.fortranOrder()) {
                throw new NtkIoException(file + ": Fortran-order arrays are not supported");
            }
            int[] shape = header.shape();
            BigInteger count = NpyHeader.elementCount(shape);
            if (count.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
                throw new NtkIoException(file + ": array of shape " + NpyHeader.repr(shape) + " has " + count
                        + " elements, more than the " + MAX_ELEMENTS + " a Java array can hold");
            }
            if (!shapeOk.test(shape)) {
                throw new NtkIoException(file + ": expected " + expected + ", found a " + shape.length
                        + "-D array of shape " + NpyHeader.repr(shape));
            }
            long dataBytes = count.longValue() * itemSize;
            long available = channel.size() - channel.position();
            if (available != dataBytes) {
                String says = describe(shape, itemSize) + " (" + dataBytes + " bytes)";
                throw new NtkIoException(available < dataBytes
                        ? file + ": truncated: header says " + says + ", file has " + available
                        : file + ": " + (available - dataBytes) + " unexpected bytes after the data; header says "
                                + says);
            }
            double[] data = new double[count.intValue()];
            readData(channel, data, itemSize, file);
            return new NpyArray(shape, data);
        }
    }

    /** Reads magic, version and header; leaves the channel at the first data byte. */
    private static NpyHeader readHeader(FileChannel channel, String file) throws IOException {
        ByteBuffer preamble = ByteBuffer.allocate(NpyHeader.MAGIC.length + 6).order(ByteOrder.LITTLE_ENDIAN);
        int got = fill(channel, preamble);
        if (got == 0) {
            throw new NtkIoException(file + ": empty file, not a .npy array");
        }
        int magic = NpyHeader.MAGIC.length;
        if (got < magic || !Arrays.equals(preamble.array(), 0, magic, NpyHeader.MAGIC, 0, magic)) {
            throw new NtkIoException(file + ": not a .npy file (bad magic bytes)");
        }
        if (got < magic + 2) {
            throw new NtkIoException(file + ": truncated: file ends inside the .npy preamble");
        }
        int major = preamble.get(magic) & 0xFF;
        int minor = preamble.get(magic + 1) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NtkIoException(file + ": unsupported .npy format version " + major + "." + minor
                    + " (ntk4j reads 1.0, 2.0 and 3.0)");
        }
        int start = magic + 2 + (major == 1 ? 2 : 4);
        if (got < start) {
            throw new NtkIoException(file + ": truncated: file ends inside the .npy preamble");
        }
        long length = major == 1
                ? preamble.getShort(magic + 2) & 0xFFFF
                : preamble.getInt(magic + 2) & 0xFFFFFFFFL;
        long available = channel.size() - start;
        if (length > available) {
            throw new NtkIoException(file + ": truncated: header length is " + length + " bytes, file has "
                    + available + " after the preamble");
        }
        if (length > MAX_HEADER) {
            throw new NtkIoException(file + ": header of " + length + " bytes is implausibly long (limit "
                    + MAX_HEADER + ")");
        }
        ByteBuffer header = ByteBuffer.allocate((int) length);
        channel.position(start);
        if (fill(channel, header) < length) {
            throw new NtkIoException(file + ": truncated while reading the header (did the file change?)");
        }
        // Version 3.0 exists only to allow UTF-8 in structured field names; 1.0 and 2.0 are latin-1.
        var charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        return NpyHeader.parse(file, new String(header.array(), charset));
    }

    /** Reads {@code data.length} little-endian items of {@code itemSize} bytes into {@code data}. Modified. */
    private static void readData(FileChannel channel, double[] data, int itemSize, String file)
            throws IOException {
        // Direct, so the channel reads straight into it; bulk views then convert at memory speed.
        int capacity = (int) Math.min(CHUNK, Math.max(itemSize, (long) data.length * itemSize));
        ByteBuffer buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buffer.capacity() / itemSize;
        for (int done = 0, n; done < data.length; done += n) {
            n = Math.min(perChunk, data.length - done);
            buffer.clear().limit(n * itemSize);
            if (fill(channel, buffer) < n * itemSize) {
                throw new NtkIoException(file + ": truncated while reading the data (did the file change?)");
            }
            buffer.flip();
            if (itemSize == Double.BYTES) {
                buffer.asDoubleBuffer().get(data, done, n);
            } else {
                FloatBuffer floats = buffer.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    data[done + i] = floats.get(i);
                }
            }
        }
    }

    /** Writes the first {@code count} elements of {@code data} as little-endian doubles. */
    private static void writeData(OutputStream out, double[] data, int count) throws IOException {
        int capacity = (int) Math.min(CHUNK, Math.max(Double.BYTES, (long) count * Double.BYTES));
        ByteBuffer buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        DoubleBuffer doubles = buffer.asDoubleBuffer();
        int perChunk = doubles.capacity();
        for (int done = 0, n; done < count; done += n) {
            n = Math.min(perChunk, count - done);
            doubles.clear();
            doubles.put(data, done, n);
            out.write(buffer.array(), 0, n * Double.BYTES);
        }
    }

    /** Reads until {@code buffer} is full or the file ends; returns the bytes read. */
    private static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** "12 x 5 doubles", "7 floats", "1 double" (0-D). */
    private static String describe(int[] shape, int itemSize) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : " x ").append(shape[i]);
        }
        String unit = itemSize == Double.BYTES ? "double" : "float";
        return shape.length == 0 ? "1 " + unit : s + " " + unit + "s";
    }
}
