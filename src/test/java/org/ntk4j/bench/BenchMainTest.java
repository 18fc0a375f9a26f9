package org.ntk4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's command line without running JMH: --report-from, --check, usage errors, profiles. */
class BenchMainTest {

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = BenchMain.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** A JMH result file with the erf recursion at the given scalar and vector milliseconds. */
    private static Path write(Path dir, String name, double scalarMs, double vectorMs) throws IOException {
        String entry = """
                {"benchmark":"org.ntk4j.bench.RecursionBench.recursion","mode":"avgt","threads":1,"forks":1,
                 "params":{"activation":"erf","depth":"3","impl":"%s","n":"1024"},
                 "primaryMetric":{"score":%s,"scoreError":"NaN","scoreUnit":"ms/op","rawData":[[%s,%s,%s]]}}""";
        String json = "[" + entry.formatted("scalar", scalarMs, scalarMs, scalarMs, scalarMs) + ","
                + entry.formatted("vector", vectorMs, vectorMs, vectorMs, vectorMs) + "]";
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void reportFromAnExistingFile(@TempDir Path dir) throws IOException {
        Path results = write(dir, "results.json", 40, 10);
        assertEquals(0, run("--report-from", results.toString()), err);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("vector/scalar speed-up") && html.contains("no benchmark ran at two or more sizes"), html);
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| vector/scalar speed-up | RecursionBench.recursion | 4.00"));
    }

    @Test
    void checkFailsOnAnImpossibleBaselineNamingTheBenchmark(@TempDir Path dir) throws IOException {
        Path results = write(dir, "results.json", 40, 10);
        Path impossible = write(dir, "impossible.json", 40_000, 10);
        assertEquals(1, run("--report-from", results.toString(), "--check", impossible.toString()));
        assertTrue(out.contains("FAILED") && out.contains("regressed: RecursionBench.recursion")
                && out.contains("vector/scalar speed-up"), out);
        Path fair = write(dir, "fair.json", 36, 10);
        assertEquals(0, run("--report-from", results.toString(), "--check", fair.toString()), out);
        assertTrue(out.contains("passed"), out);
    }

    @Test
    void badUsageIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.startsWith("bench: error: unknown option") && err.strip().lines().count() == 1, err);
        assertEquals(2, run("--quick", "--smoke"));
        assertEquals(2, run("--filter", "("));
        assertEquals(2, run("--param", "n"));
        assertEquals(2, run("--ratio-tolerance", "2"));
        assertEquals(2, run("--report-from", dir.resolve("missing.json").toString()));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"benchmark\": ");
        assertEquals(2, run("--report-from", bad.toString()));
        assertTrue(err.contains("bad.json") && err.contains("malformed JSON"), err);
        assertFalse(Files.exists(dir.resolve("report.html")), "no report from a bad file");
        assertEquals(0, run("--help"));
        assertTrue(out.contains("--smoke"));
    }

    @Test
    void profilesPruneGrids() {
        Map<String, String[]> declared = Map.of("n", new String[] {"4096", "256", "1024"}, "impl", new String[] {"scalar", "vector"},
                "threads", new String[] {"1", "2"});
        Map<String, String[]> smoke = Profile.SMOKE.overrides("SomeBench", declared);
        assertArrayEquals(new String[] {"256"}, smoke.get("n"));
        assertFalse(smoke.containsKey("impl"), "every implementation runs in smoke mode");
        assertFalse(smoke.containsKey("threads"));
        assertArrayEquals(new String[] {"256", "1024"}, Profile.QUICK.overrides("SomeBench", declared).get("n"));
        assertArrayEquals(new String[] {"256", "1024"}, Profile.QUICK.overrides("GramBench", declared).get("n"));
        assertTrue(Profile.FULL.overrides("KernelBench", declared).isEmpty());
    }

    @Test
    void classQualifiedParamsOverrideOneClassOnly() {
        assertEquals(0, run("--quick", "--list", "--filter", "EntkBench|GramBench", "--param", "n=512",
                "--param", "EntkBench.n=4", "--param", "EntkBench.width=4096"), err);
        String entk = out.substring(out.indexOf("EntkBench:"));
        String gram = out.substring(out.indexOf("GramBench:"));
        entk = entk.substring(0, entk.indexOf("GramBench:") > 0 ? entk.indexOf("GramBench:") : entk.length());
        gram = gram.substring(0, gram.indexOf("EntkBench:") > 0 ? gram.indexOf("EntkBench:") : gram.length());
        assertTrue(entk.contains("n = 4\n") || entk.contains("n = 4\r"), out);
        assertTrue(entk.contains("width = 4096"), out);
        assertTrue(gram.contains("n = 512"), out);
        assertEquals(2, run("--quick", "--list", "--filter", "GramBench", "--param", "GramBench.width=3"));
        assertTrue(err.contains("of class GramBench") && err.contains("'width'"), err);
    }
}
