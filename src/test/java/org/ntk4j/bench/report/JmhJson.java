package org.ntk4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds JMH-format JSON result files by hand, the shape JMH 1.37 writes, for tests. */
final class JmhJson {

    private final List<String> entries = new ArrayList<>();

    /** Adds a result whose iterations (one array per fork) are in {@code unit}. */
    JmhJson add(String benchmark, Map<String, String> params, String unit, double[]... forks) {
        StringBuilder raw = new StringBuilder("[");
        double sum = 0;
        int count = 0;
        for (int f = 0; f < forks.length; f++) {
            raw.append(f == 0 ? "[" : ",[");
            for (int i = 0; i < forks[f].length; i++) {
                raw.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", forks[f][i]));
                sum += forks[f][i];
                count++;
            }
            raw.append(']');
        }
        raw.append(']');
        StringBuilder p = new StringBuilder("{");
        new TreeMap<>(params).forEach((k, v) -> p.append(p.length() > 1 ? "," : "").append(Json.quote(k)).append(':').append(Json.quote(v)));
        p.append('}');
        entries.add(String.format(Locale.ROOT, """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "%s",
                    "mode" : "avgt",
                    "threads" : 1,
                    "forks" : %d,
                    "jdkVersion" : "25.0.3",
                    "params" : %s,
                    "primaryMetric" : {
                        "score" : %.17g,
                        "scoreError" : "NaN",
                        "scoreConfidence" : [0, 0],
                        "scoreUnit" : "%s",
                        "rawData" : %s
                    },
                    "secondaryMetrics" : {}
                }""", benchmark, forks.length, p, sum / count, unit, raw));
        return this;
    }

    /** Adds a result with the given per-iteration milliseconds, one fork. */
    JmhJson ms(String benchmark, Map<String, String> params, double... iterations) {
        return add(benchmark, params, "ms/op", iterations);
    }

    String json() {
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    List<BenchResult> results() {
        return BenchResult.parseAll(json());
    }
}
