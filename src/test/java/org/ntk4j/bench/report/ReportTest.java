package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Env ENV = new Env(Map.of("jdk", "test-jdk", "cpuModel", "test cpu"));

    /** KernelBench-like times ∝ n² · depth, so the plots must show exponents 2 and 1. */
    static List<BenchResult> scalingRun() {
        JmhJson j = new JmhJson();
        for (String impl : new String[] {"scalar", "vector"}) {
            for (int n : new int[] {256, 1024, 4096}) {
                for (int depth : new int[] {1, 3, 10}) {
                    double ms = 1e-6 * n * n * depth * (impl.equals("scalar") ? 4 : 1);
                    j.ms("org.ntk4j.bench.KernelBench.compute",
                            Map.of("n", Integer.toString(n), "depth", Integer.toString(depth), "impl", impl), ms, ms * 1.01, ms * 0.99);
                }
            }
        }
        return j.results();
    }

    @Test
    void plotsShowTheFittedExponents() {
        List<Scaling.Plot> plots = Scaling.plots(scalingRun());
        assertEquals(List.of("n", "depth"), plots.stream().map(Scaling.Plot::axis).toList());
        for (Scaling.Series s : plots.get(0).series()) {
            assertEquals(2, s.fit().slope(), 1e-9, s.label());
        }
        for (Scaling.Series s : plots.get(1).series()) {
            assertEquals(1, s.fit().slope(), 1e-9, s.label());
        }
        assertEquals(6, plots.get(0).series().size()); // 3 depths × 2 impls
    }

    @Test
    void htmlIsSelfContainedWithSvgPlotsAndRatios() {
        String html = new Report(scalingRun(), ENV).html();
        Matcher m = Pattern.compile("<svg ").matcher(html);
        int svgs = 0;
        while (m.find()) {
            svgs++;
        }
        assertEquals(2, svgs);
        assertTrue(html.contains("exponent 2.00"), "fitted exponent in the legend");
        assertTrue(html.contains("exponent 1.00"));
        assertTrue(html.contains("vector/scalar speed-up"));
        assertTrue(html.contains("test cpu"), "environment recorded");
        assertTrue(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"),
                "no external resources");
    }

    @Test
    void markdownSummarisesRatiosAndExponents() {
        String md = new Report(scalingRun(), ENV).markdown();
        // scalar is 4x slower everywhere: min = median = max = 4.00 over 9 points
        assertTrue(md.contains("| vector/scalar speed-up | KernelBench.compute | 4.00 | 4.00 | 4.00 | 9 |"), md);
        assertTrue(md.contains("| KernelBench.compute | n | depth=1 impl=scalar | 2.00 | 1.00 |"), md);
    }

    @Test
    void filesAreWrittenWithoutLeftovers(@TempDir Path dir) throws IOException {
        ReportFiles.writeReport(dir, scalingRun(), ENV);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("report.html", "report.md"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Path missing = dir.resolve("no-such-dir");
        assertThrows(IOException.class, () -> ReportFiles.writeReport(missing, scalingRun(), ENV));
    }

    @Test
    void mergedArraysParseAsOne() {
        String a = new JmhJson().ms("p.A.a", Map.of(), 1).json();
        String b = new JmhJson().ms("p.B.b", Map.of(), 2).ms("p.B.c", Map.of(), 3).json();
        List<BenchResult> all = BenchResult.parseAll(ReportFiles.mergeJsonArrays(List.of(a, "[]", b)));
        assertEquals(List.of("A.a", "B.b", "B.c"), all.stream().map(BenchResult::group).toList());
        assertThrows(IllegalArgumentException.class, () -> ReportFiles.mergeJsonArrays(List.of("{}")));
    }

    @Test
    void envRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        Env env = Env.collect(dir, "unit test");
        Files.writeString(dir.resolve("env.json"), env.toJson());
        assertEquals(env, Env.read(dir.resolve("env.json")));
        assertEquals("unknown", env.fields().get("gitCommit")); // a temp dir is no repository
        assertTrue(Integer.parseInt(env.fields().get("vectorSpeciesDoubles")) >= 1);
    }
}
