package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One JMH result (a benchmark method at one point of its parameter grid), times in seconds per
 * operation. A method named {@code <stem>Scalar}, {@code <stem>Vector} or {@code <stem>Lanewise}
 * without an {@code impl} parameter is read as benchmark {@code stem} with {@code impl} set from
 * the suffix, so method pairs and {@code @Param impl} pairs compare alike.
 *
 * @param benchmark the JMH name, package.Class.method
 * @param className the simple class name, e.g. KernelBench
 * @param method    the method, or its stem when the implementation came from the suffix
 * @param params    parameters by name, sorted (with the derived impl)
 * @param threads   JMH worker threads
 * @param samples   per-iteration seconds per operation, all forks pooled
 * @param jmhScore  JMH's score in seconds per operation
 * @param jmhError  JMH's 99.9 % confidence half-width in seconds (NaN when JMH gives none)
 */
public record BenchResult(String benchmark, String className, String method, Map<String, String> params,
                          int threads, double[] samples, double jmhScore, double jmhError) {

    private static final String[] SUFFIXES = {"Scalar", "Vector", "Lanewise"};

    /** The median seconds per operation over the measured iterations. */
    public double median() {
        return Stats.median(samples);
    }

    /** The error bar of {@link #median}: half the interquartile range of the iterations. */
    public double error() {
        return Stats.halfIqr(samples);
    }

    /** Class.method, the benchmark group the plots and ratios work within. */
    public String group() {
        return className + "." + method;
    }

    /** Group and parameters: what identifies this result across runs. */
    public String key() {
        return params.isEmpty() ? group() : group() + " " + paramString(params);
    }

    /** The parameter as a number, or NaN when absent or not numeric. */
    public double numeric(String name) {
        String v = params.get(name);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** "k1=v1 k2=v2" in key order. */
    public static String paramString(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Reads a JMH JSON result file's text (an array of results). */
    public static List<BenchResult> parseAll(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("not a JMH result file: the top level is not an array");
        }
        List<BenchResult> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not a JMH result file: an entry is not an object");
            }
            out.add(of(m));
        }
        return out;
    }

    private static BenchResult of(Map<?, ?> m) {
        String name = (String) m.get("benchmark");
        if (name == null || !(m.get("primaryMetric") instanceof Map<?, ?> metric)) {
            throw new IllegalArgumentException("not a JMH result: an entry lacks 'benchmark' or 'primaryMetric'");
        }
        int dot = name.lastIndexOf('.');
        String cls = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
        String method = name.substring(dot + 1);
        Map<String, String> params = new TreeMap<>();
        if (m.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        if (!params.containsKey("impl")) {
            for (String suffix : SUFFIXES) {
                if (method.endsWith(suffix) && method.length() > suffix.length()) {
                    params.put("impl", suffix.toLowerCase(Locale.ROOT));
                    method = method.substring(0, method.length() - suffix.length());
                    break;
                }
            }
        }
        String unit = String.valueOf(metric.get("scoreUnit"));
        double score = Json.toDouble(metric.get("score"));
        List<Double> raw = new ArrayList<>();
        if (metric.get("rawData") instanceof List<?> forks) {
            for (Object f : forks) {
                if (f instanceof List<?> its) {
                    its.forEach(v -> raw.add(Json.toDouble(v)));
                }
            }
        }
        if (raw.isEmpty()) {
            raw.add(score);
        }
        double[] samples = raw.stream().mapToDouble(v -> toSecondsPerOp(v, unit)).toArray();
        double err = Json.toDouble(metric.get("scoreError"));
        double scoreSec = toSecondsPerOp(score, unit);
        double errSec = Double.isNaN(err) ? Double.NaN : Math.abs(toSecondsPerOp(score + err, unit) - scoreSec);
        int threads = m.get("threads") == null ? 1 : (int) Json.toDouble(m.get("threads"));
        return new BenchResult(name, cls, method, params, threads, samples, scoreSec, errSec);
    }

    /** Converts a JMH score in {@code unit} ("ms/op", "ops/s", ...) to seconds per operation. */
    static double toSecondsPerOp(double v, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unknown JMH unit '" + unit + "'");
        }
        if (parts[1].equals("op")) {
            return v * seconds(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return seconds(parts[1]) / v;
        }
        throw new IllegalArgumentException("unknown JMH unit '" + unit + "'");
    }

    private static double seconds(String u) {
        return switch (u) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            case "hr" -> 3600;
            case "day" -> 86400;
            default -> throw new IllegalArgumentException("unknown JMH time unit '" + u + "'");
        };
    }
}
