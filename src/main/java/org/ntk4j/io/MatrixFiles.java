package org.ntk4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** Reads and writes a matrix in the format its file name asks for: {@code .npy}, or {@code .csv}/{@code .txt}. */
public final class MatrixFiles {

    private enum Format { NPY, CSV }

    private MatrixFiles() {
    }

    /** Reads {@code path} with {@link Npy#readMatrix} or {@link Csv#read}, by extension (any case). */
    public static DMatrixRMaj read(Path path) throws IOException {
        return switch (format(path)) {
            case NPY -> Npy.readMatrix(path);
            case CSV -> Csv.read(path);
        };
    }

    /** Writes {@code matrix} with {@link Npy#write(Path, DMatrixRMaj)} or {@link Csv#write}. Not modified. */
    public static void write(Path path, DMatrixRMaj matrix) throws IOException {
        switch (format(path)) {
            case NPY -> Npy.write(path, matrix);
            case CSV -> Csv.write(path, matrix);
        }
    }

    private static Format format(Path path) throws NtkIoException {
        Path name = path.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) {
            return Format.NPY;
        }
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            return Format.CSV;
        }
        throw NtkIoException.of(path, "unsupported file type (use .npy or .csv)");
    }
}
