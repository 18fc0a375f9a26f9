package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key ratios of a run, computed between results that differ in one parameter only:
 * speed-up of every {@code impl} over {@code scalar} (t_scalar / t_impl), eNTK cost of
 * {@code mode=logits} over {@code full} and {@code method=structured} over {@code jacobian}
 * (t / t_reference), the cost of each activation over ReLU in the same benchmark, and achieved
 * GFLOP/s over the measured peak with the same thread count.
 */
public final class Ratios {

    private Ratios() {
    }

    /** All ratios the results allow, in result order. */
    public static List<Ratio> compute(List<BenchResult> results) {
        List<Ratio> out = new ArrayList<>();
        pairs(results, "impl", "scalar", true, out);
        pairs(results, "mode", "full", false, out);
        pairs(results, "method", "jacobian", false, out);
        // the catalog's costs over ReLU, from ActivationBench only (the other benchmarks' erf and
        // relu pairs are there for their speed-ups, and their baselines hold no such ratio)
        pairs(results.stream().filter(r -> r.className().equals("ActivationBench")).toList(), "activation", "relu", false, out);
        peakFractions(results, out);
        return out;
    }

    /**
     * For each result with param {@code name} = v ≠ reference and its twin with the reference value:
     * speed-ups (t_ref / t_v) when {@code speedup}, else costs (t_v / t_ref).
     */
    private static void pairs(List<BenchResult> results, String name, String reference, boolean speedup, List<Ratio> out) {
        Map<String, BenchResult> refs = new LinkedHashMap<>();
        for (BenchResult r : results) {
            if (reference.equals(r.params().get(name))) {
                refs.put(r.group() + "|" + without(r.params(), name), r);
            }
        }
        for (BenchResult r : results) {
            String v = r.params().get(name);
            if (v == null || v.equals(reference)) {
                continue;
            }
            String context = without(r.params(), name);
            BenchResult ref = refs.get(r.group() + "|" + context);
            if (ref == null) {
                continue;
            }
            double value = speedup ? ref.median() / r.median() : r.median() / ref.median();
            String kind = speedup ? v + "/" + reference + " speed-up" : v + "/" + reference + " cost";
            out.add(new Ratio(kind, r.group(), context, value, value * relError(r, ref), speedup));
        }
    }

    private static void peakFractions(List<BenchResult> results, List<Ratio> out) {
        Map<Integer, BenchResult> peak = new TreeMap<>();
        for (BenchResult r : results) {
            if (r.className().equals("PeakFlopsBench")) {
                peak.merge(Work.threads(r), r, (a, b) -> gflops(a) >= gflops(b) ? a : b);
            }
        }
        for (BenchResult r : results) {
            double g = gflops(r);
            BenchResult p = peak.get(Work.threads(r));
            if (r.className().equals("PeakFlopsBench") || Double.isNaN(g) || p == null) {
                continue;
            }
            double value = g / gflops(p);
            out.add(new Ratio("achieved/peak GFLOP/s", r.group(), BenchResult.paramString(r.params()), value,
                    value * relError(r, p), true));
        }
    }

    /** GFLOP/s at the median time, NaN when the benchmark's flops are not defined. */
    public static double gflops(BenchResult r) {
        return Work.flops(r) / r.median() / 1e9;
    }

    /** The measured peak GFLOP/s for a thread count, NaN when the run has no peak benchmark. */
    public static double peak(List<BenchResult> results, int threads) {
        double best = Double.NaN;
        for (BenchResult r : results) {
            if (r.className().equals("PeakFlopsBench") && Work.threads(r) == threads) {
                best = Double.isNaN(best) ? gflops(r) : Math.max(best, gflops(r));
            }
        }
        return best;
    }

    /** Relative error of a ratio of two medians: relative half-IQRs added in quadrature. */
    private static double relError(BenchResult a, BenchResult b) {
        return Math.hypot(a.error() / a.median(), b.error() / b.median());
    }

    private static String without(Map<String, String> params, String name) {
        Map<String, String> m = new TreeMap<>(params);
        m.remove(name);
        return BenchResult.paramString(m);
    }
}
