package org.ntk4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.io.AtomicFile;

/** A small result file, JSON or Markdown by extension, written atomically. */
final class ResultFile {

    enum Format { JSON, MARKDOWN }

    private ResultFile() {
    }

    static Format format(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Format.MARKDOWN;
        }
        throw new IllegalArgumentException("cannot tell the format of " + p + ": use a .json or .md file name");
    }

    /**
     * Writes the summary fields and an optional table (first row the header).
     *
     * @param table rows of cells, the first row the column names; empty for none
     */
    static void write(Path p, String title, Map<String, Object> fields, List<List<Object>> table) throws IOException {
        String text = format(p) == Format.JSON ? json(title, fields, table) : markdown(title, fields, table);
        AtomicFile.write(p, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String json(String title, Map<String, Object> fields, List<List<Object>> table) {
        StringBuilder sb = new StringBuilder("{\n  \"command\": ").append(value(title));
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append(",\n  ").append(value(e.getKey())).append(": ").append(value(e.getValue()));
        }
        if (!table.isEmpty()) {
            sb.append(",\n  \"columns\": ").append(array(table.get(0)));
            sb.append(",\n  \"rows\": [");
            for (int i = 1; i < table.size(); i++) {
                sb.append(i == 1 ? "\n    " : ",\n    ").append(array(table.get(i)));
            }
            sb.append("\n  ]");
        }
        return sb.append("\n}\n").toString();
    }

    private static String array(List<Object> row) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < row.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(value(row.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toString().toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String markdown(String title, Map<String, Object> fields, List<List<Object>> table) {
        StringBuilder sb = new StringBuilder("# ntk4j ").append(title).append("\n\n| field | value |\n|---|---|\n");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        if (!table.isEmpty()) {
            sb.append('\n').append(markdownTable(table));
        }
        return sb.toString();
    }

    static String markdownTable(List<List<Object>> table) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < table.size(); i++) {
            sb.append('|');
            for (Object c : table.get(i)) {
                sb.append(' ').append(c).append(" |");
            }
            sb.append('\n');
            if (i == 0) {
                sb.append('|').append("---|".repeat(table.get(0).size())).append('\n');
            }
        }
        return sb.toString();
    }
}
