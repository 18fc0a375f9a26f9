package org.ntk4j.bench.report;

import java.util.Locale;

/**
 * What one operation of a known benchmark does, so times become rates: kernel entries (elements)
 * and floating-point operations where they are well defined. Unknown benchmarks get neither.
 */
public final class Work {

    /** The input dimension GramBench and KernelBench use (MNIST-sized rows). */
    public static final double GRAM_D = 784;
    /** Lane-FMAs per thread and operation of PeakFlopsBench. */
    public static final double PEAK_ELEMENT_FMAS = 1 << 24;

    private Work() {
    }

    /** Elements (kernel entries, function values) per operation, or NaN when not defined. */
    public static double elements(BenchResult r) {
        double n = r.numeric("n");
        return switch (r.className()) {
            case "KernelBench", "RecursionBench", "GramBench" -> n * n;
            case "VectorMathBench" -> r.numeric("size");
            case "EntkBench" -> {
                // full: an outputs × outputs block per pair of inputs; logits: one entry per pair.
                double k = r.numeric("outputs");
                boolean full = "full".equals(r.params().get("mode"));
                yield n * n * (full && k > 0 ? k * k : 1);
            }
            default -> Double.NaN;
        };
    }

    /** Floating-point operations per operation, or NaN when not well defined. */
    public static double flops(BenchResult r) {
        double n = r.numeric("n");
        return switch (r.className()) {
            case "GramBench" -> 2 * n * n * dim(r);
            case "PeakFlopsBench" -> 2 * PEAK_ELEMENT_FMAS * threads(r);
            case "LinalgBench" -> r.method().toLowerCase(Locale.ROOT).contains("chol") ? n * n * n / 3 : Double.NaN;
            default -> Double.NaN;
        };
    }

    /** The threads a benchmark's operation uses: its {@code threads} parameter, else JMH's threads. */
    public static int threads(BenchResult r) {
        double t = r.numeric("threads");
        return Double.isNaN(t) ? r.threads() : (int) t;
    }

    private static double dim(BenchResult r) {
        double d = r.numeric("d");
        return Double.isNaN(d) ? GRAM_D : d;
    }
}
