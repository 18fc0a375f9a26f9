package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    private static Ratio find(List<Ratio> rs, String kind, String group) {
        return rs.stream().filter(r -> r.kind().equals(kind) && r.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void speedUpIsScalarTimeOverVectorTime() {
        List<Ratio> rs = Ratios.compute(new JmhJson()
                .ms("p.RecursionBench.recursion", Map.of("n", "256", "activation", "erf", "impl", "scalar"), 12, 12, 12)
                .ms("p.RecursionBench.recursion", Map.of("n", "256", "activation", "erf", "impl", "vector"), 3, 3, 3)
                .ms("p.RecursionBench.recursion", Map.of("n", "256", "activation", "relu", "impl", "vector"), 1)
                .results());
        assertEquals(1, rs.size(), "relu has no scalar twin, so no ratio");
        Ratio r = rs.get(0);
        assertEquals("vector/scalar speed-up", r.kind());
        assertEquals("activation=erf n=256", r.context());
        assertEquals(4, r.value(), 1e-12);
        assertTrue(r.higherIsBetter());
    }

    @Test
    void entkCostRatiosCompareWithTheReference() {
        List<Ratio> rs = Ratios.compute(new JmhJson()
                .ms("p.EntkBench.entk", Map.of("width", "4096", "mode", "full", "method", "jacobian"), 40)
                .ms("p.EntkBench.entk", Map.of("width", "4096", "mode", "logits", "method", "jacobian"), 10)
                .ms("p.EntkBench.entk", Map.of("width", "4096", "mode", "full", "method", "structured"), 8)
                .results());
        Ratio logits = find(rs, "logits/full cost", "EntkBench.entk");
        assertEquals(0.25, logits.value(), 1e-12);
        assertFalse(logits.higherIsBetter());
        assertEquals(0.2, find(rs, "structured/jacobian cost", "EntkBench.entk").value(), 1e-12);
    }

    @Test
    void achievedOverPeakUsesTheSameThreadCount() {
        double peakSeconds1 = 2 * Work.PEAK_ELEMENT_FMAS / 50e9; // 50 GFLOP/s on one thread
        double peakSeconds2 = 2 * 2 * Work.PEAK_ELEMENT_FMAS / 100e9; // 100 on two
        double gramSeconds = 2.0 * 1024 * 1024 * 784 / 25e9; // 25 GFLOP/s
        List<BenchResult> results = new JmhJson()
                .add("p.PeakFlopsBench.fma", Map.of("threads", "1"), "s/op", new double[] {peakSeconds1})
                .add("p.PeakFlopsBench.fma", Map.of("threads", "2"), "s/op", new double[] {peakSeconds2})
                .add("p.GramBench.gram", Map.of("n", "1024", "threads", "1", "impl", "vector"), "s/op", new double[] {gramSeconds})
                .add("p.GramBench.gram", Map.of("n", "1024", "threads", "2", "impl", "vector"), "s/op", new double[] {gramSeconds})
                .results();
        assertEquals(25, Ratios.gflops(results.get(2)), 1e-9);
        List<Ratio> rs = Ratios.compute(results).stream().filter(r -> r.kind().startsWith("achieved")).toList();
        assertEquals(2, rs.size());
        assertEquals(0.5, rs.get(0).value(), 1e-12);
        assertEquals(0.25, rs.get(1).value(), 1e-12);
    }
}
