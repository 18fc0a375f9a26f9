package org.ntk4j.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.NtkIoException;

/**
 * 2-D NumPy {@code .npy} arrays through the Hadoop FileSystem API, so that a local path,
 * {@code file://} and {@code hdfs://} all work: reading a header, a range of rows or the whole
 * matrix ({@code '<f8'} or {@code '<f4'}, C order), and writing {@code '<f8'} (format 1.0) via a
 * temporary file renamed into place.
 */
public final class NpyFs {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK_ROWS_BYTES = 1 << 20;

    private NpyFs() {
    }

    /**
     * Where a 2-D array's rows are in its file.
     *
     * @param path       the file
     * @param rows       first dimension (a 1-D array of length n is n × 1)
     * @param cols       second dimension
     * @param itemSize   8 for '&lt;f8', 4 for '&lt;f4'
     * @param dataOffset byte offset of the first element
     */
    public record Header(String path, int rows, int cols, int itemSize, long dataOffset) implements java.io.Serializable {
    }

    /**
     * The file system of a path; for local files the raw one, so that no hidden .crc checksum
     * files appear beside the outputs (HDFS keeps its own checksums).
     */
    static FileSystem fileSystem(Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRaw() : fs;
    }

    /** Reads and checks the header of a 2-D (or 1-D) array of doubles or floats. */
    public static Header header(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        FileSystem fs = fileSystem(p, conf);
        if (!fs.exists(p)) {
            throw new NtkIoException(path + ": no such file");
        }
        long size = fs.getFileStatus(p).getLen();
        try (FSDataInputStream in = fs.open(p)) {
            byte[] pre = new byte[10];
            int got = readFully(in, pre);
            if (got < 8) {
                throw new NtkIoException(path + ": " + (got == 0 ? "empty file, not a .npy array" : "truncated .npy preamble"));
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre[i] != MAGIC[i]) {
                    throw new NtkIoException(path + ": not a .npy file (bad magic bytes)");
                }
            }
            int major = pre[6] & 0xFF;
            if (major < 1 || major > 3 || pre[7] != 0) {
                throw new NtkIoException(path + ": unsupported .npy format version " + major + "." + (pre[7] & 0xFF));
            }
            long len;
            int start;
            if (major == 1) {
                len = ByteBuffer.wrap(pre, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
                start = 10;
            } else {
                byte[] l4 = new byte[4];
                System.arraycopy(pre, 8, l4, 0, 2);
                if (readFully(in, l4, 2, 2) < 2) {
                    throw new NtkIoException(path + ": truncated .npy preamble");
                }
                len = ByteBuffer.wrap(l4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
                start = 12;
            }
            if (len > 1 << 20 || start + len > size) {
                throw new NtkIoException(path + ": truncated or implausible .npy header (" + len + " bytes)");
            }
            byte[] text = new byte[(int) len];
            if (readFully(in, text) < len) {
                throw new NtkIoException(path + ": truncated .npy header");
            }
            String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return parse(path, dict, start + len, size);
        }
    }

    private static Header parse(String path, String dict, long offset, long size) throws NtkIoException {
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NtkIoException(path + ": malformed .npy header " + dict.strip());
        }
        int item = switch (d.group(1)) {
            case "<f8" -> 8;
            case "<f4" -> 4;
            default -> throw new NtkIoException(path + ": unsupported dtype '" + d.group(1) + "' (ntk4j reads '<f8' and '<f4')");
        };
        if (f.group(1).equals("True")) {
            throw new NtkIoException(path + ": Fortran-order arrays are not supported");
        }
        String[] dims = s.group(1).split(",");
        long[] shape = new long[2];
        int rank = 0;
        for (String dim : dims) {
            if (dim.isBlank()) {
                continue;
            }
            if (rank == 2) {
                throw new NtkIoException(path + ": expected a 1-D or 2-D array, shape (" + s.group(1) + ")");
            }
            try {
                shape[rank++] = Long.parseLong(dim.strip());
            } catch (NumberFormatException e) {
                throw new NtkIoException(path + ": malformed shape (" + s.group(1) + ")");
            }
        }
        if (rank == 0) {
            throw new NtkIoException(path + ": expected a 1-D or 2-D array, found a scalar");
        }
        long rows = shape[0];
        long cols = rank == 2 ? shape[1] : 1;
        if (rows * cols > Integer.MAX_VALUE - 8 || rows > Integer.MAX_VALUE) {
            throw new NtkIoException(path + ": " + rows + " x " + cols + " is more than a Java array holds");
        }
        long bytes = rows * cols * item;
        if (size - offset != bytes) {
            throw new NtkIoException(path + ": " + (size - offset < bytes ? "truncated" : "unexpected bytes after the data")
                    + ": header says " + rows + " x " + cols + " (" + bytes + " bytes), file has " + (size - offset));
        }
        return new Header(path, (int) rows, (int) cols, item, offset);
    }

    /** Rows [r0, r0 + count) of the array, as a count × cols matrix. */
    public static DMatrixRMaj readRows(Header h, int r0, int count, Configuration conf) throws IOException {
        if (r0 < 0 || count < 0 || r0 + (long) count > h.rows()) {
            throw new IllegalArgumentException("rows " + r0 + ".." + (r0 + count) + " outside " + h.path() + " (" + h.rows() + " rows)");
        }
        Path p = new Path(h.path());
        DMatrixRMaj out = new DMatrixRMaj(count, h.cols());
        int n = count * h.cols();
        try (FSDataInputStream in = fileSystem(p, conf).open(p)) {
            in.seek(h.dataOffset() + (long) r0 * h.cols() * h.itemSize());
            int per = Math.max(1, CHUNK_ROWS_BYTES / h.itemSize());
            byte[] buf = new byte[Math.min(n, per) * h.itemSize()];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < n; ) {
                int m = Math.min(per, n - done);
                if (readFully(in, buf, 0, m * h.itemSize()) < m * h.itemSize()) {
                    throw new NtkIoException(h.path() + ": truncated while reading the data (did the file change?)");
                }
                bb.clear();
                if (h.itemSize() == 8) {
                    bb.asDoubleBuffer().get(out.data, done, m);
                } else {
                    for (int i = 0; i < m; i++) {
                        out.data[done + i] = bb.getFloat(4 * i);
                    }
                }
                done += m;
            }
        }
        return out;
    }

    /** The whole array. */
    public static DMatrixRMaj read(String path, Configuration conf) throws IOException {
        Header h = header(path, conf);
        return readRows(h, 0, h.rows(), conf);
    }

    /**
     * Writes a rows × cols row-major array of doubles to path as {@code '<f8'}: into a hidden
     * temporary file beside it, then renamed, so a reader never sees part of a file. data: not modified.
     */
    public static void write(String path, int rows, int cols, double[] data, Configuration conf) throws IOException {
        if ((long) rows * cols > data.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " needs " + (long) rows * cols + " values, got " + data.length);
        }
        Path target = new Path(path);
        FileSystem fs = fileSystem(target, conf);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        boolean done = false;
        try {
            try (FSDataOutputStream raw = fs.create(tmp, false); OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
                out.write(encodeHeader(rows, cols));
                ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                int n = rows * cols;
                for (int i = 0; i < n; ) {
                    bb.clear();
                    int m = Math.min(bb.capacity() / 8, n - i);
                    bb.asDoubleBuffer().put(data, i, m);
                    out.write(bb.array(), 0, m * 8);
                    i += m;
                }
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not rename " + tmp + " to " + target);
            }
            done = true;
        } finally {
            if (!done) {
                fs.delete(tmp, false);
            }
        }
    }

    /** Magic, version 1.0, and the header dict padded with spaces to a multiple of 64 bytes. */
    static byte[] encodeHeader(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (MAGIC.length + 4 + sb.length() + 1 < total) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    private static int readFully(java.io.InputStream in, byte[] b) throws IOException {
        return readFully(in, b, 0, b.length);
    }

    private static int readFully(java.io.InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = in.read(b, off + total, len - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
