package org.ntk4j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ntk4j.io.AtomicFile;

/** Writes a run's files into one directory, each atomically (no half-written report). */
public final class ReportFiles {

    public static final String RESULTS = "results.json";
    public static final String ENV = "env.json";
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";

    private ReportFiles() {
    }

    /** Reads a JMH JSON result file; IllegalArgumentException naming the file when malformed. */
    public static List<BenchResult> readResults(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        }
        try {
            return BenchResult.parseAll(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The env.json beside a results file, or null when there is none. */
    public static Env envBeside(Path resultsFile) throws IOException {
        Path dir = resultsFile.toAbsolutePath().getParent();
        Path env = dir == null ? null : dir.resolve(ENV);
        return env != null && Files.isRegularFile(env) ? Env.read(env) : null;
    }

    /** Writes report.html and report.md for results into dir; returns the report. */
    public static Report writeReport(Path dir, List<BenchResult> results, Env env) throws IOException {
        Report r = new Report(results, env);
        writeText(dir.resolve(HTML), r.html());
        writeText(dir.resolve(MARKDOWN), r.markdown());
        return r;
    }

    /** Writes text as UTF-8, atomically. */
    public static void writeText(Path file, String text) throws IOException {
        AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Concatenates JMH JSON arrays (one per runner invocation) into one array. */
    public static String mergeJsonArrays(List<String> arrays) {
        StringBuilder b = new StringBuilder("[\n");
        boolean first = true;
        for (String a : arrays) {
            String t = a.trim();
            if (!t.startsWith("[") || !t.endsWith("]")) {
                throw new IllegalArgumentException("not a JSON array: " + (t.length() > 40 ? t.substring(0, 40) + "..." : t));
            }
            String inner = t.substring(1, t.length() - 1).trim();
            if (inner.isEmpty()) {
                continue;
            }
            b.append(first ? "" : ",\n").append(inner);
            first = false;
        }
        return b.append("\n]\n").toString();
    }
}
