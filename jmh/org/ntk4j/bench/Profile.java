package org.ntk4j.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How much of the suite to run. FULL: every benchmark's own grid and timing (1 fork, 3 × 1 s
 * warm-up, 5 × 1 s measurement; about half an hour on 2 cores, most of it the scalar n = 4096
 * kernels). QUICK: 1 fork, 5 × 0.4 s warm-up (time for C2 to compile the vector code, without
 * which it runs 10-200x slower: on the loaded 2-core machine 1 s was not enough for erf), 5 × 0.2 s
 * measurement on pruned grids (a few minutes; the eNTK, at width 256-4096, depth 3, 10 outputs,
 * d = 256 and n = 2 so that the Jacobian reference at width 4096 fits, runs in single shots; the
 * n = 4096 kernels need the full run or {@code --param}). SMOKE: no fork, no warm-up, one 10 ms iteration at the smallest sizes with every
 * variant, to prove the suite compiles, links and passes its {@code @Setup} checks.
 */
public enum Profile {
    FULL, QUICK, SMOKE;

    /** QUICK grids of the known benchmarks; parameters not named keep their declared values. */
    private static final Map<String, Map<String, String[]>> QUICK_GRIDS = Map.of(
            "KernelBench", grid("n", "256,1024", "depth", "1,10", "threads", "1"),
            "ActivationBench", grid("n", "2000"),
            "RecursionBench", grid("n", "256,1024", "depth", "1,3,10"),
            "GramBench", grid("n", "256,1024"),
            "EntkBench", grid("width", "256,1024,4096", "depth", "3", "outputs", "10", "n", "2", "d", "256"),
            "LinalgBench", grid("n", "1000"));

    /**
     * The parameter overrides for one benchmark class, given the grid it declares. Unknown classes
     * keep their two smallest numeric values in QUICK; SMOKE keeps the smallest numeric value of
     * every parameter except {@code threads}, and every value of the others.
     */
    public Map<String, String[]> overrides(String simpleClass, Map<String, String[]> declared) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (var e : declared.entrySet()) {
            String name = e.getKey();
            String[] values = e.getValue();
            if (this == SMOKE && numeric(values) && !name.equals("threads")) {
                out.put(name, new String[] {smallest(values, 1)[0]});
            } else if (this == QUICK) {
                Map<String, String[]> known = QUICK_GRIDS.get(simpleClass);
                if (known != null && known.containsKey(name)) {
                    out.put(name, known.get(name));
                } else if (known == null && numeric(values) && values.length > 2) {
                    out.put(name, smallest(values, 2));
                }
            }
        }
        return out;
    }

    /**
     * Applies this profile's forks and timing to one class's run (FULL leaves the annotations in
     * charge). QUICK times the eNTK in single shots (3 warm-up, 3 measured): one Jacobian-contraction
     * call at width 4096 takes seconds, far longer than a time-boxed iteration.
     */
    public void timing(ChainedOptionsBuilder b, String simpleClass) {
        if (this == QUICK && simpleClass.equals("EntkBench")) {
            b.forks(1).mode(org.openjdk.jmh.annotations.Mode.SingleShotTime).warmupIterations(3)
                    .measurementIterations(3);
            return;
        }
        switch (this) {
            case QUICK -> b.forks(1).warmupIterations(5).warmupTime(TimeValue.milliseconds(400))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(200));
            case SMOKE -> b.forks(0).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(10));
            case FULL -> { }
        }
    }

    private static Map<String, String[]> grid(String... kv) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1].split(","));
        }
        return m;
    }

    private static boolean numeric(String[] values) {
        try {
            for (String v : values) {
                Double.parseDouble(v);
            }
            return values.length > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String[] smallest(String[] values, int k) {
        String[] v = values.clone();
        Arrays.sort(v, (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return Arrays.copyOf(v, Math.min(k, v.length));
    }
}
