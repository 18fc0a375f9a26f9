package org.ntk4j.bench.report;

/**
 * A ratio of two measurements from the same run, which survives a change of machine better than
 * either time: a speed-up, a cost ratio, or a fraction of the measured peak.
 *
 * @param kind           what is compared, e.g. "vector/scalar speed-up", "logits/full cost"
 * @param group          the benchmark, Class.method
 * @param context        the parameters both sides share, "k=v ..."
 * @param value          the ratio
 * @param error          its error bar: the half-IQRs of both medians, relative errors added in quadrature
 * @param higherIsBetter true for speed-ups and fractions of peak, false for cost ratios
 */
public record Ratio(String kind, String group, String context, double value, double error, boolean higherIsBetter) {

    /** What identifies this ratio across runs. */
    public String key() {
        return kind + " | " + group + (context.isEmpty() ? "" : " | " + context);
    }
}
