package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

    private static final RegressionCheck CHECK = new RegressionCheck(0.8, 1.0);

    /** A run with the given scalar and vector times (ms) of the erf recursion. */
    static List<BenchResult> run(double scalarMs, double vectorMs) {
        return new JmhJson()
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "scalar"),
                        scalarMs * 0.99, scalarMs, scalarMs * 1.01)
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "vector"),
                        vectorMs * 0.99, vectorMs, vectorMs * 1.01)
                .results();
    }

    @Test
    void aRunPassesAgainstItself() {
        RegressionCheck.Outcome o = CHECK.compare(run(40, 10), run(40, 10));
        assertTrue(o.passed(), o.regressions().toString());
        assertEquals(1, o.ratiosCompared());
        assertEquals(2, o.timesCompared());
    }

    @Test
    void anImpossibleBaselineFailsAndNamesTheBenchmark() {
        RegressionCheck.Outcome o = CHECK.compare(run(40, 10), run(40_000, 10)); // baseline speed-up 4000
        assertFalse(o.passed());
        assertEquals(1, o.regressions().size(), o.regressions().toString());
        String msg = o.regressions().get(0);
        assertTrue(msg.contains("RecursionBench.recursion") && msg.contains("vector/scalar speed-up")
                && msg.contains("activation=erf"), msg);
    }

    @Test
    void speedUpMayDropTwentyPercentPlusItsErrorBars() {
        assertTrue(CHECK.compare(run(40, 12.4), run(40, 10)).passed()); // 3.23 >= 0.8 * 4
        // 3.17 ± 0.7 % (two ±1 % spreads: half-IQR 0.5 % each, in quadrature): 3.17 + 3 · 0.022 = 3.24 >= 3.2
        assertTrue(CHECK.compare(run(40, 12.6), run(40, 10)).passed());
        assertFalse(CHECK.compare(run(40, 13.0), run(40, 10)).passed()); // 3.08 + 0.065 < 3.2
    }

    @Test
    void aNoisyRatioDropWithinItsErrorBarsPasses() {
        List<BenchResult> noisy = new JmhJson()
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "scalar"), 20, 40, 60)
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "vector"), 18)
                .results();
        // speed-up 2.2 against 4, but ± 25 % relative (half-IQR 10 of 40): 2.2 + 3 · 0.56 = 3.9 >= 3.2
        assertTrue(CHECK.compare(noisy, run(40, 10)).passed());
    }

    @Test
    void costRatiosMustNotGrow() {
        List<BenchResult> base = new JmhJson()
                .ms("p.EntkBench.entk", Map.of("mode", "full"), 100).ms("p.EntkBench.entk", Map.of("mode", "logits"), 10).results();
        List<BenchResult> worse = new JmhJson()
                .ms("p.EntkBench.entk", Map.of("mode", "full"), 100).ms("p.EntkBench.entk", Map.of("mode", "logits"), 20).results();
        RegressionCheck.Outcome o = new RegressionCheck(0.8, Double.POSITIVE_INFINITY).compare(worse, base);
        assertFalse(o.passed());
        assertTrue(o.regressions().get(0).contains("logits/full cost"), o.regressions().toString());
    }

    @Test
    void absoluteSlowDownCountsOnlyBeyondTheErrorBars() {
        // Everything 2.5x slower, ratios unchanged: beyond (1 + 1.0) x baseline even after 3 error bars.
        RegressionCheck.Outcome slow = CHECK.compare(run(100, 25), run(40, 10));
        assertEquals(2, slow.regressions().size(), slow.regressions().toString());
        assertTrue(slow.regressions().get(0).contains("impl=scalar"));
        // 1.5x slower: within the allowed slow-down.
        assertTrue(CHECK.compare(run(60, 15), run(40, 10)).passed());
        // 2.5x slower but with huge error bars (iterations from 1 to 200 ms): not flagged.
        List<BenchResult> noisy = new JmhJson()
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "scalar"), 1, 100, 200)
                .ms("org.ntk4j.bench.RecursionBench.recursion", Map.of("n", "1024", "activation", "erf", "impl", "vector"), 1, 25, 50)
                .results();
        assertTrue(CHECK.compare(noisy, run(40, 10)).passed());
    }

    @Test
    void nothingInCommonDoesNotPass() {
        List<BenchResult> other = new JmhJson().ms("p.Other.m", Map.of(), 1).results();
        RegressionCheck.Outcome o = CHECK.compare(run(40, 10), other);
        assertTrue(o.regressions().isEmpty());
        assertFalse(o.passed());
    }

    @Test
    void tolerancesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RegressionCheck(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RegressionCheck(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new RegressionCheck(0.8, -1));
    }
}
