package org.ntk4j.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.ntk4j.kernel.Network;

/** The job's summary.json: sizes, settings, the stopping rule, iterations, residuals and times. */
final class Summary {

    /** The stopping rule, as the summary states it. */
    static final String STOPPING_RULE = "every column c of Y, for each kernel: |y_c - (K + r I) a_c|_2 / |y_c|_2 <= tol"
            + " (CG's recurrence residual, a_0 = 0); true_relative_residual recomputes it from one extra product";

    private Summary() {
    }

    static Map<String, Object> of(JavaSparkContext sc, Network net, KernelRegression.Settings s, RowSource train,
                                  RowSource test, int k, KernelRegression.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", net.toString());
        m.put("n_train", train.rows());
        m.put("n_test", test.rows());
        m.put("d", train.cols());
        m.put("k", k);
        m.put("master", sc.master());
        m.put("default_parallelism", sc.defaultParallelism());
        m.put("spark_version", sc.version());
        m.put("tile", Math.min(s.tile(), train.rows()));
        m.put("train_tiles", o.tiles());
        m.put("inputs", train instanceof RowSource.Broadcasted ? "broadcast" : "read per block");
        m.put("cache_bytes", o.plan().cacheBytes());
        m.put("diag_reg", s.diagReg());
        m.put("preconditioner", s.rank() == 0 ? "none" : s.preconditioner().key());
        m.put("rank_requested", s.rank());
        m.put("tol", s.tol());
        m.put("stopping_rule", STOPPING_RULE);
        for (int q = 0; q < 2; q++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sigma2", o.sigma2()[q]);
            r.put("rank", o.ranks()[q]);
            r.put("iterations", o.cg().iterations()[q]);
            r.put("converged", o.cg().converged()[q]);
            r.put("relative_residual", o.cg().finalResidual(q));
            r.put("true_relative_residual", o.trueResidual()[q]);
            List<Double> h = o.cg().history().get(q);
            r.put("residual_history", h);
            m.put(q == 0 ? "nngp" : "ntk", r);
        }
        m.put("seconds", new LinkedHashMap<String, Object>(o.seconds()));
        return m;
    }

    /** One line for stdout. */
    @SuppressWarnings("unchecked")
    static String line(Map<String, Object> m) {
        Map<String, Object> k = (Map<String, Object>) m.get("nngp");
        Map<String, Object> t = (Map<String, Object>) m.get("ntk");
        Map<String, Object> secs = (Map<String, Object>) m.get("seconds");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "spark-regression: %s train, %s test, %s; CG (%s, rank %s/%s) %s/%s iterations (NNGP/NTK) to relative"
                        + " residual %.2g/%.2g; kernel %.2f s, preconditioner %.2f s, CG %.2f s, predict %.2f s",
                m.get("n_train"), m.get("n_test"), m.get("network"), m.get("preconditioner"), k.get("rank"), t.get("rank"),
                k.get("iterations"), t.get("iterations"), (Double) k.get("true_relative_residual"),
                (Double) t.get("true_relative_residual"), secs.get("kernel"), secs.get("preconditioner"), secs.get("cg"),
                secs.get("predict")));
        if (m.containsKey("nngp_accuracy")) {
            sb.append(String.format(Locale.ROOT, "; accuracy NNGP %.2f %%, NTK %.2f %%", 100 * (Double) m.get("nngp_accuracy"),
                    100 * (Double) m.get("ntk_accuracy")));
        }
        if (m.get("single_machine") instanceof Map<?, ?> c) {
            sb.append(String.format(Locale.ROOT, "; vs single machine: means within %.2g/%.2g relative, argmax %.2f/%.2f %%",
                    c.get("nngp_relative_difference"), c.get("ntk_relative_difference"),
                    100 * (Double) c.get("nngp_argmax_agreement"), 100 * (Double) c.get("ntk_argmax_agreement")));
        }
        return sb.toString();
    }
}
