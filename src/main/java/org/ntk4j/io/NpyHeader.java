package org.ntk4j.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The header of a .npy file, a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * <p>Parsing accepts what numpy and other writers produce: keys in any order, either quote,
 * optional trailing commas, any whitespace, and {@code L} suffixes on dimensions (Python 2).
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy pads the header so the data starts on a 64-byte boundary, mappable for any dtype. */
    private static final int ALIGN = 64;
    private static final int MAX_V1_HEADER = 0xFFFF;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Parses the dict literal {@code text} of {@code file}. */
    static NpyHeader parse(String file, String text) throws NtkIoException {
        Map<String, Object> dict = new Parser(file, text).dict();
        for (String key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new NtkIoException(file + ": unexpected key '" + excerpt(key) + "' in header " + excerpt(text));
            }
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new NtkIoException(file + ": header has no '" + key + "' key: " + excerpt(text));
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new NtkIoException(file + ": header 'descr' is not a string: " + excerpt(text));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NtkIoException(file + ": header 'fortran_order' is not True or False: " + excerpt(text));
        }
        if (!(dict.get("shape") instanceof int[] shape)) {
            throw new NtkIoException(file + ": header 'shape' is not a tuple: " + excerpt(text));
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /**
     * The bytes before the data of a C-order {@code '<f8'} array: magic, version 1.0 (2.0 if the
     * header outgrows 1.0's 16-bit length), header length, dict padded with spaces and ended by
     * {@code '\n'} so that the total is a multiple of 64.
     */
    static byte[] encode(int[] shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + repr(shape) + ", }";
        int major = 1;
        int lengthBytes = 2;
        int headerLength = padded(MAGIC.length + 2 + lengthBytes, dict.length());
        if (headerLength > MAX_V1_HEADER) {
            major = 2;
            lengthBytes = 4;
            headerLength = padded(MAGIC.length + 2 + lengthBytes, dict.length());
        }
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            bytes.putShort((short) headerLength);
        } else {
            bytes.putInt(headerLength);
        }
        bytes.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (bytes.remaining() > 1) {
            bytes.put((byte) ' ');
        }
        bytes.put((byte) '\n');
        return bytes.array();
    }

    /** Header length (dict, spaces, newline) that makes {@code preamble} plus header a multiple of 64. */
    private static int padded(int preamble, int dictLength) {
        return dictLength + 1 + Math.floorMod(-(preamble + dictLength + 1), ALIGN);
    }

    /** The shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String repr(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            joiner.add(Integer.toString(d));
        }
        return joiner.toString();
    }

    /** The number of elements, exact even where it overflows a long. */
    static BigInteger elementCount(int[] shape) {
        BigInteger count = BigInteger.ONE;
        for (int d : shape) {
            count = count.multiply(BigInteger.valueOf(d));
        }
        return count;
    }

    /** The header on one line, shortened, for messages. */
    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /** Recursive descent over the small part of Python literal syntax that .npy headers use. */
    private static final class Parser {
        private final String file;
        private final String text;
        private int pos;

        Parser(String file, String text) {
            this.file = file;
            this.text = text;
        }

        Map<String, Object> dict() throws NtkIoException {
            skipSpace();
            expect('{');
            Map<String, Object> entries = new LinkedHashMap<>();
            skipSpace();
            while (peek() != '}') {
                int keyAt = pos;
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                Object value = value(key);
                if (entries.put(key, value) != null) {
                    pos = keyAt;
                    throw malformed("duplicate key '" + key + "'");
                }
                separator('}');
            }
            pos++;
            skipSpace();
            if (pos < text.length()) {
                throw malformed("unexpected text after the closing '}'");
            }
            return entries;
        }

        private Object value(String key) throws NtkIoException {
            int c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '[' && key.equals("descr")) {
                throw new NtkIoException(file + ": structured dtypes are not supported (ntk4j reads '<f8' and '<f4')");
            }
            throw malformed("expected a string, True, False or a tuple");
        }

        private int[] tuple() throws NtkIoException {
            expect('(');
            skipSpace();
            List<Integer> dims = new ArrayList<>();
            boolean comma = false;
            while (peek() != ')') {
                dims.add(dimension());
                comma |= separator(')');
            }
            pos++;
            if (dims.size() == 1 && !comma) {
                // In Python (3) is the number 3; numpy would reject it too.
                throw malformed("(" + dims.get(0) + ") is not a tuple, a 1-tuple is written (" + dims.get(0) + ",)");
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private int dimension() throws NtkIoException {
            boolean negative = peek() == '-';
            if (negative || peek() == '+') {
                pos++;
            }
            int start = pos;
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
            if (pos == start) {
                throw malformed("expected a dimension");
            }
            BigInteger value = new BigInteger(text.substring(start, pos));
            if (peek() == 'L' || peek() == 'l') {
                pos++;
            }
            if (negative && value.signum() != 0) {
                throw new NtkIoException(file + ": negative dimension -" + value + " in header shape");
            }
            if (value.bitLength() > 31) {
                throw new NtkIoException(file + ": dimension " + value + " in header shape exceeds "
                        + Integer.MAX_VALUE);
            }
            return value.intValue();
        }

        private String string() throws NtkIoException {
            int quote = peek();
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string");
            }
            pos++;
            StringBuilder s = new StringBuilder();
            for (int c = next(); c != quote; c = next()) {
                s.append((char) (c == '\\' ? next() : c));
            }
            return s.toString();
        }

        /** Skips a ',' (returning true) or stops before {@code close}; anything else is malformed. */
        private boolean separator(char close) throws NtkIoException {
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                return true;
            }
            if (peek() != close) {
                throw malformed("expected ',' or '" + close + "'");
            }
            return false;
        }

        private void expect(char c) throws NtkIoException {
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            pos++;
        }

        private int next() throws NtkIoException {
            if (pos >= text.length()) {
                throw malformed("unterminated string");
            }
            return text.charAt(pos++);
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private NtkIoException malformed(String problem) {
            String where = pos < text.length() ? "at character " + pos : "at the end";
            return new NtkIoException(file + ": malformed header: " + problem + " " + where + " of "
                    + excerpt(text));
        }
    }
}
