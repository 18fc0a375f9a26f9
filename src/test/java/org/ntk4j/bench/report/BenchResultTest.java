package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void poolsForksAndConvertsToSeconds() {
        List<BenchResult> rs = new JmhJson()
                .add("org.ntk4j.bench.KernelBench.compute", Map.of("n", "256", "impl", "vector"), "ms/op",
                        new double[] {1, 2, 3}, new double[] {4, 5})
                .results();
        BenchResult r = rs.get(0);
        assertEquals("KernelBench", r.className());
        assertEquals("compute", r.method());
        assertArrayEquals(new double[] {1e-3, 2e-3, 3e-3, 4e-3, 5e-3}, r.samples(), 1e-18);
        assertEquals(3e-3, r.median(), 1e-15);
        assertEquals(1e-3, r.error(), 1e-15); // quartiles 2 and 4 ms
        assertEquals("KernelBench.compute impl=vector n=256", r.key());
        assertEquals(256, r.numeric("n"));
    }

    @Test
    void throughputUnitsAreInverted() {
        BenchResult r = new JmhJson().add("a.B.m", Map.of(), "ops/ms", new double[] {4}).results().get(0);
        assertEquals(0.25e-3, r.median(), 1e-18);
        assertEquals(2e-6, BenchResult.toSecondsPerOp(2, "us/op"), 1e-21);
        assertThrows(IllegalArgumentException.class, () -> BenchResult.toSecondsPerOp(1, "furlongs"));
    }

    @Test
    void methodSuffixBecomesTheImplementation() {
        List<BenchResult> rs = new JmhJson()
                .ms("org.ntk4j.simd.VectorMathBench.acosLanewise", Map.of("size", "4096"), 1)
                .ms("org.ntk4j.simd.VectorMathBench.erfScalar", Map.of("size", "4096"), 1)
                .ms("org.ntk4j.simd.PeakFlopsBench.fma", Map.of("threads", "2"), 1)
                .results();
        assertEquals("acos", rs.get(0).method());
        assertEquals("lanewise", rs.get(0).params().get("impl"));
        assertEquals("VectorMathBench.erf", rs.get(1).group());
        assertEquals("scalar", rs.get(1).params().get("impl"));
        assertEquals("fma", rs.get(2).method());
        assertEquals(null, rs.get(2).params().get("impl"));
    }

    @Test
    void rejectsFilesThatAreNotJmhResults() {
        assertThrows(IllegalArgumentException.class, () -> BenchResult.parseAll("{\"a\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> BenchResult.parseAll("[{\"benchmark\": \"a.B.c\"}]"));
    }
}
