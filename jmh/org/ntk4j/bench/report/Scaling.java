package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scaling series of a run: for each benchmark and each size parameter (n, width, depth, outputs),
 * the results that differ only in that parameter, with the least-squares exponent of
 * time ∝ x^slope.
 */
public final class Scaling {

    /** The parameters a time is plotted against, in the order the report shows them. */
    public static final List<String> AXES = List.of("n", "width", "depth", "outputs");

    /** One line of a plot: the times of one parameter setting as x varies. */
    public record Series(String label, double[] x, double[] seconds, double[] errors, Stats.Fit fit) {
    }

    /** One plot: a benchmark's series against one parameter. */
    public record Plot(String group, String axis, List<Series> series) {
        /** A caption, e.g. "KernelBench.compute: time vs n". */
        public String title() {
            return group + ": time vs " + axis;
        }
    }

    private Scaling() {
    }

    /** Every plot with at least one series of two or more distinct x values. */
    public static List<Plot> plots(List<BenchResult> results) {
        Map<String, List<BenchResult>> byGroup = new LinkedHashMap<>();
        for (BenchResult r : results) {
            byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<Plot> plots = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            for (String axis : AXES) {
                List<Series> series = series(e.getValue(), axis);
                if (!series.isEmpty()) {
                    plots.add(new Plot(e.getKey(), axis, series));
                }
            }
        }
        return plots;
    }

    private static List<Series> series(List<BenchResult> group, String axis) {
        Map<String, TreeMap<Double, BenchResult>> lines = new LinkedHashMap<>();
        for (BenchResult r : group) {
            double x = r.numeric(axis);
            if (!(x > 0)) {
                continue;
            }
            Map<String, String> rest = new TreeMap<>(r.params());
            rest.remove(axis);
            lines.computeIfAbsent(BenchResult.paramString(rest), k -> new TreeMap<>()).put(x, r);
        }
        List<Series> out = new ArrayList<>();
        for (var line : lines.entrySet()) {
            TreeMap<Double, BenchResult> pts = line.getValue();
            if (pts.size() < 2) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] t = new double[pts.size()];
            double[] err = new double[pts.size()];
            int i = 0;
            for (var p : pts.entrySet()) {
                x[i] = p.getKey();
                t[i] = p.getValue().median();
                err[i] = p.getValue().error();
                i++;
            }
            out.add(new Series(line.getKey(), x, t, err, Stats.logLogFit(x, t)));
        }
        return out;
    }
}
