package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report as one self-contained HTML page (tables, key ratios, inline SVG scaling plots)
 * and as a Markdown summary for terminals and CI logs. Medians and errors are over the measured
 * iterations: error = half the interquartile range; JMH's own 99.9 % interval is shown beside it.
 */
public final class Report {

    private final List<BenchResult> results;
    private final List<Ratio> ratios;
    private final List<Scaling.Plot> plots;
    private final Env env;

    public Report(List<BenchResult> results, Env env) {
        this.results = List.copyOf(results);
        this.ratios = Ratios.compute(results);
        this.plots = Scaling.plots(results);
        this.env = env;
    }

    /** The key ratios summarised per kind and benchmark: [kind, group, min, median, max, count]. */
    List<String[]> ratioSummary() {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (Ratio r : ratios) {
            by.computeIfAbsent(r.kind() + "\u0000" + r.group(), k -> new ArrayList<>()).add(r.value());
        }
        List<String[]> rows = new ArrayList<>();
        for (var e : by.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            String[] kg = e.getKey().split("\u0000");
            rows.add(new String[] {kg[0], kg[1], Units.sig(Stats.quantile(v, 0)), Units.sig(Stats.median(v)),
                Units.sig(Stats.quantile(v, 1)), Integer.toString(v.length)});
        }
        return rows;
    }

    private String[] resultRow(BenchResult r) {
        double el = Work.elements(r) / r.median();
        double g = Ratios.gflops(r);
        double peak = Ratios.peak(results, Work.threads(r));
        String ofPeak = Double.isNaN(g) || Double.isNaN(peak) || r.className().equals("PeakFlopsBench")
                ? "" : Units.sig(100 * g / peak) + " %";
        String jmh = Units.time(r.jmhScore()) + (Double.isNaN(r.jmhError()) ? "" : " ± " + Units.time(r.jmhError()));
        return new String[] {r.group(), BenchResult.paramString(r.params()), Units.time(r.median()), Units.time(r.error()),
            Integer.toString(r.samples().length), jmh, Units.rate(el), Double.isNaN(g) ? "" : Units.sig(g), ofPeak};
    }

    private static final String[] RESULT_HEAD = {"benchmark", "parameters", "median", "± (half IQR)", "iterations",
        "JMH score ± 99.9 % CI", "elements/s", "GFLOP/s", "of peak"};

    /** The Markdown summary. */
    public String markdown() {
        StringBuilder b = new StringBuilder("# ntk4j benchmark report\n\n");
        b.append("Environment: ");
        env.fields().forEach((k, v) -> b.append(k).append(" = ").append(v).append("; "));
        b.append("\n\nMedian over measured iterations; error = half the interquartile range.\n\n");
        b.append("## Key ratios (min / median / max over the parameter grid)\n\n");
        table(b, new String[] {"ratio", "benchmark", "min", "median", "max", "points"}, ratioSummary());
        b.append("\n## All ratios\n\n");
        List<String[]> rows = new ArrayList<>();
        for (Ratio r : ratios) {
            rows.add(new String[] {r.kind(), r.group(), r.context(), Units.sig(r.value()), Units.sig(r.error())});
        }
        table(b, new String[] {"ratio", "benchmark", "parameters", "value", "±"}, rows);
        b.append("\n## Scaling exponents (time ∝ x^exponent, least squares on log-log)\n\n");
        rows = new ArrayList<>();
        for (Scaling.Plot p : plots) {
            for (Scaling.Series s : p.series()) {
                rows.add(new String[] {p.group(), p.axis(), s.label(), Units.sig(s.fit().slope()), Units.sig(s.fit().r2())});
            }
        }
        table(b, new String[] {"benchmark", "x", "other parameters", "exponent", "r²"}, rows);
        b.append("\n## Results\n\n");
        List<String[]> resultRows = new ArrayList<>();
        results.forEach(r -> resultRows.add(resultRow(r)));
        table(b, RESULT_HEAD, resultRows);
        return b.toString();
    }

    private static void table(StringBuilder b, String[] head, List<String[]> rows) {
        if (rows.isEmpty()) {
            b.append("(none in this run)\n");
            return;
        }
        b.append("| ").append(String.join(" | ", head)).append(" |\n|");
        b.append(" --- |".repeat(head.length)).append('\n');
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", r).replace("\n", " ")).append(" |\n");
        }
    }

    /** The HTML page. */
    public String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<title>ntk4j benchmark report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append("figure{margin:1.5em 0}\n</style></head><body>\n");
        b.append("<h1>ntk4j benchmark report</h1>\n<h2>Environment</h2>\n<table>\n");
        env.fields().forEach((k, v) -> b.append("<tr><th>").append(Svg.esc(k)).append("</th><td>").append(Svg.esc(v)).append("</td></tr>\n"));
        b.append("</table>\n<p>Median over the measured iterations of all forks; error = half the interquartile range."
                + " Ratios compare medians from this run only.</p>\n");
        b.append("<h2>Key ratios</h2>\n<p>Speed-up = t<sub>scalar</sub> / t<sub>impl</sub>; cost = t / t<sub>reference</sub>;"
                + " achieved/peak = GFLOP/s over the FMA-loop peak at the same thread count.</p>\n");
        htmlTable(b, new String[] {"ratio", "benchmark", "min", "median", "max", "points"}, ratioSummary());
        b.append("<details><summary>All ratios</summary>\n");
        List<String[]> rows = new ArrayList<>();
        for (Ratio r : ratios) {
            rows.add(new String[] {r.kind(), r.group(), r.context(), Units.sig(r.value()), Units.sig(r.error())});
        }
        htmlTable(b, new String[] {"ratio", "benchmark", "parameters", "value", "±"}, rows);
        b.append("</details>\n<h2>Scaling</h2>\n<p>Time per operation against each size parameter on log-log axes;"
                + " dashed: least-squares fit of log t on log x, whose slope is the exponent.</p>\n");
        if (plots.isEmpty()) {
            b.append("<p>(no benchmark ran at two or more sizes)</p>\n");
        }
        for (Scaling.Plot p : plots) {
            b.append("<figure>\n").append(Svg.plot(p)).append("</figure>\n");
        }
        b.append("<h2>Results</h2>\n");
        Map<String, List<String[]>> byClass = new LinkedHashMap<>();
        results.forEach(r -> byClass.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(resultRow(r)));
        for (var e : byClass.entrySet()) {
            b.append("<h3>").append(Svg.esc(e.getKey())).append("</h3>\n");
            htmlTable(b, RESULT_HEAD, e.getValue());
        }
        return b.append("</body></html>\n").toString();
    }

    private static void htmlTable(StringBuilder b, String[] head, List<String[]> rows) {
        if (rows.isEmpty()) {
            b.append("<p>(none in this run)</p>\n");
            return;
        }
        b.append("<table><tr>");
        for (String h : head) {
            b.append("<th>").append(Svg.esc(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (String[] r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                b.append(i >= 2 ? "<td class=\"num\">" : "<td>").append(Svg.esc(r[i])).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
