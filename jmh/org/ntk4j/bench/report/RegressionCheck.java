package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a run with a baseline run. Ratios measured within one run (speed-ups, cost ratios,
 * fractions of peak) must stay within {@code ratioTolerance} of the baseline's: a speed-up of at
 * least 80 % of the baseline's by default, a cost ratio of at most baseline / 0.8, in both cases
 * after giving the run's ratio the benefit of three of its own error bars. Absolute times move
 * between machines and with load, so a benchmark counts as slower only when its median minus
 * three error bars (half-IQRs) still exceeds (1 + absTolerance) × the baseline median.
 *
 * @param ratioTolerance fraction of a baseline ratio a run must keep, in (0, 1]
 * @param absTolerance   allowed relative absolute slow-down beyond the error bars, ≥ 0 (infinite: off)
 */
public record RegressionCheck(double ratioTolerance, double absTolerance) {

    /** Error bars a run's ratio or median is given before a regression counts. */
    public static final double ERROR_BARS = 3;

    /** The outcome: regressions (each naming a benchmark or ratio), plus how much was compared. */
    public record Outcome(List<String> regressions, int ratiosCompared, int timesCompared) {
        /** True when nothing regressed and something was compared. */
        public boolean passed() {
            return regressions.isEmpty() && ratiosCompared + timesCompared > 0;
        }
    }

    public RegressionCheck {
        if (!(ratioTolerance > 0 && ratioTolerance <= 1)) {
            throw new IllegalArgumentException("ratio tolerance must be in (0, 1], got " + ratioTolerance);
        }
        if (!(absTolerance >= 0)) {
            throw new IllegalArgumentException("absolute tolerance must be >= 0, got " + absTolerance);
        }
    }

    /** Compares {@code run} with {@code baseline}, matching ratios and results by key. */
    public Outcome compare(List<BenchResult> run, List<BenchResult> baseline) {
        List<String> bad = new ArrayList<>();
        Map<String, Ratio> base = new HashMap<>();
        Ratios.compute(baseline).forEach(r -> base.put(r.key(), r));
        int ratios = 0;
        for (Ratio r : Ratios.compute(run)) {
            Ratio b = base.get(r.key());
            if (b == null) {
                continue;
            }
            ratios++;
            double slack = ERROR_BARS * r.error();
            boolean ok = r.higherIsBetter() ? r.value() + slack >= ratioTolerance * b.value()
                    : r.value() - slack <= b.value() / ratioTolerance;
            if (!ok) {
                bad.add(String.format(Locale.ROOT, "%s: %s %.3g ± %.2g, baseline %.3g (must be %s %.3g)", r.group()
                        + (r.context().isEmpty() ? "" : " [" + r.context() + "]"), r.kind(), r.value(), r.error(), b.value(),
                        r.higherIsBetter() ? ">=" : "<=", r.higherIsBetter() ? ratioTolerance * b.value() : b.value() / ratioTolerance));
            }
        }
        Map<String, BenchResult> baseTimes = new HashMap<>();
        baseline.forEach(r -> baseTimes.put(r.key(), r));
        int times = 0;
        for (BenchResult r : run) {
            BenchResult b = baseTimes.get(r.key());
            if (b == null) {
                continue;
            }
            times++;
            double lower = r.median() - ERROR_BARS * r.error();
            if (lower > (1 + absTolerance) * b.median()) {
                bad.add(String.format(Locale.ROOT, "%s: %s ± %s, baseline %s (slower by more than %.0f %% beyond %.0f error bars)",
                        r.key(), Units.time(r.median()), Units.time(r.error()), Units.time(b.median()),
                        100 * absTolerance, ERROR_BARS));
            }
        }
        return new Outcome(bad, ratios, times);
    }
}
