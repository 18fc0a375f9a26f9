package org.ntk4j.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes matrices as comma-separated numbers, one row per line.
 *
 * <p>Reading skips blank lines and a header line (a first line with any field that is not a
 * number), allows whitespace around values, and takes {@code NaN} and {@code Inf}/{@code Infinity}
 * as numbers: callers that need finite data check it themselves. Writing uses
 * {@link Double#toString(double)}, which reads back to the identical double.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Reads a matrix with one row per non-blank line.
     * A file with no data rows reads as 0 x n, n the fields of its header (0 without one).
     */
    public static DMatrixRMaj read(Path path) throws IOException {
        String file = path.toString();
        try (BufferedReader reader = Inputs.reader(path)) {
            double[] values = new double[1024];
            int size = 0;
            int rows = 0;
            int cols = -1;
            int headerFields = 0;
            boolean first = true;
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte-order mark from spreadsheet exports
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (first) {
                    first = false;
                    if (!allNumbers(fields)) {
                        headerFields = fields.length;
                        continue;
                    }
                }
                if (cols < 0) {
                    cols = fields.length;
                } else if (fields.length != cols) {
                    throw new NtkIoException(file + " line " + lineNumber + ": expected " + cols + " numbers, found "
                            + fields.length);
                }
                if (values.length - size < cols) {
                    values = grow(values, size + (long) cols, file);
                }
                for (int i = 0; i < cols; i++) {
                    values[size++] = number(fields[i], i, file, lineNumber);
                }
                rows++;
            }
            if (rows == 0) {
                return new DMatrixRMaj(0, headerFields);
            }
            return DMatrixRMaj.wrap(rows, cols, size == values.length ? values : Arrays.copyOf(values, size));
        }
    }

    /** Writes {@code matrix}, one row per line. Not modified. A matrix with no elements writes no numbers. */
    public static void write(Path path, DMatrixRMaj matrix) throws IOException {
        Objects.requireNonNull(matrix, "matrix");
        AtomicFile.write(path, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
            for (int r = 0; r < matrix.numRows; r++) {
                for (int c = 0; c < matrix.numCols; c++) {
                    if (c > 0) {
                        writer.write(',');
                    }
                    writer.write(Double.toString(matrix.unsafe_get(r, c)));
                }
                writer.write('\n');
            }
            writer.flush(); // not close: AtomicFile owns the stream
        });
    }

    /**
     * Parses a decimal number, NaN or an infinity, ignoring surrounding whitespace.
     *
     * @throws NumberFormatException if {@code token} is none of these
     */
    static double parse(String token) {
        String t = token.strip();
        if (isDecimal(t)) {
            return Double.parseDouble(t);
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new NumberFormatException("not a number: '" + t + "'");
        };
    }

    /**
     * Whether {@code s} is {@code [+-]digits[.digits][(e|E)[+-]digits]} with a digit somewhere in the
     * mantissa. Checked before {@link Double#parseDouble}, which also takes Java's {@code 1d}, {@code 2f}
     * and hexadecimal forms that no CSV writer means.
     */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        for (; i < n && isDigit(s.charAt(i)); i++) {
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            for (i++; i < n && isDigit(s.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < n && isDigit(s.charAt(i)); i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allNumbers(String[] fields) {
        try {
            for (String field : fields) {
                parse(field);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String field, int index, String file, int lineNumber) throws NtkIoException {
        try {
            return parse(field);
        } catch (NumberFormatException e) {
            String where = file + " line " + lineNumber + ": ";
            throw new NtkIoException(field.isBlank()
                    ? where + "field " + (index + 1) + " is empty"
                    : where + "'" + field.strip() + "' is not a number");
        }
    }

    private static double[] grow(double[] values, long needed, String file) throws NtkIoException {
        if (needed > Npy.MAX_ELEMENTS) {
            throw new NtkIoException(file + ": more than " + Npy.MAX_ELEMENTS + " numbers, too many for one matrix");
        }
        return Arrays.copyOf(values, (int) Math.max(needed, Math.min(Npy.MAX_ELEMENTS, 2L * values.length)));
    }
}
