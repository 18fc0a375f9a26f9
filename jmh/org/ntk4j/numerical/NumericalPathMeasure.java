package org.ntk4j.numerical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measurements behind docs/numerical-path.md: accuracy of the numerical kernel routes against an
 * accurate quadrature, the Gauss–Hermite baselines, route fractions on inputs of random norms, and
 * per-row and per-entry costs. Run with
 * {@code java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt)
 * org.ntk4j.numerical.NumericalPathMeasure [accuracy|routes|cost|all]}.
 */
public final class NumericalPathMeasure {

    static final double[] VARIANCES = {1e-4, 1e-2, 1, 5.8, 1e2, 1e4};
    static final double[] RHOS = {-1, -1 + 1e-12, -0.999, -0.9, -0.5, 0, 0.3, 0.7, 0.9, 0.99, 0.999, 0.999999,
        1 - 1e-12, 1};

    private NumericalPathMeasure() {
    }

    static List<Pointwise> activations() {
        return List.of(Builtin.TANH, Builtin.SIGMOID, Builtin.SOFTPLUS, Builtin.SILU, Builtin.ELU,
                Pointwise.compose(Builtin.RELU, Builtin.TANH), Pointwise.compose(Builtin.TANH, Builtin.RELU),
                Pointwise.compose(Builtin.SIGMOID, Builtin.SIN), Pointwise.compose(Builtin.ELU, Builtin.ELU),
                Pointwise.of("x·erf-like", x -> x / Math.sqrt(1 + x * x), x -> Math.pow(1 + x * x, -1.5)));
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("accuracy") || what.equals("all")) {
            accuracy();
        }
        if (what.equals("routes") || what.equals("all")) {
            routes();
        }
        if (what.equals("cost") || what.equals("all")) {
            cost();
        }
    }

    /** Max over ρ of |error| / diagonal, for each route and baseline, per activation and variance. */
    static void accuracy() {
        System.out.println("| activation | variance | GH25 NNGP | GH25 Ṫ | GH96 NNGP | GH96 Ṫ | series N=128 NNGP | Ṫ "
                + "| routed (no table) NNGP | Ṫ | table NNGP | Ṫ | quadrature share |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        GaussHermite2d gh25 = new GaussHermite2d(25);
        GaussHermite2d gh96 = new GaussHermite2d(96);
        for (Pointwise p : activations()) {
            PolarQuadrature ref = new PolarQuadrature(p);
            for (double v : VARIANCES) {
                double v2 = v * 1.7;
                double[] e = new double[10];
                double sn = Math.sqrt(ref.pair(v, v, v)[0] * ref.pair(v2, v2, v2)[0]);
                double st = Math.sqrt(ref.pair(v, v, v)[1] * ref.pair(v2, v2, v2)[1]);
                double snEq = ref.pair(v, v, v)[0];
                double stEq = ref.pair(v, v, v)[1];
                NumericalKernel routed = NumericalKernel.prepare(p, new double[] {v, v2},
                        new NumericalKernel.Settings(128, 1e-10, 1e-10, false));
                NumericalKernel tab = NumericalKernel.prepare(p, new double[] {v, v}, NumericalKernel.Settings.defaults());
                int quad = 0;
                double[] out = new double[4];
                for (double r : RHOS) {
                    double k12 = r * Math.sqrt(v * v2);
                    double[] x = ref.pair(v, v2, k12);
                    double[] g = gh25.pair(p, v, v2, k12);
                    e[0] = Math.max(e[0], Math.abs(g[0] - x[0]) / sn);
                    e[1] = Math.max(e[1], Math.abs(g[1] - x[1]) / st);
                    g = gh96.pair(p, v, v2, k12);
                    e[2] = Math.max(e[2], Math.abs(g[0] - x[0]) / sn);
                    e[3] = Math.max(e[3], Math.abs(g[1] - x[1]) / st);
                    MehlerSeries.evaluate(routed.row(0), routed.row(1), r, out);
                    e[4] = Math.max(e[4], Math.abs(out[0] - x[0]) / sn);
                    e[5] = Math.max(e[5], Math.abs(out[1] - x[1]) / st);
                    if (routed.route(0, 1, k12, out) == NumericalKernel.Route.QUADRATURE) {
                        quad++;
                    }
                    e[6] = Math.max(e[6], Math.abs(out[0] - x[0]) / sn);
                    e[7] = Math.max(e[7], Math.abs(out[1] - x[1]) / st);
                    double[] y = ref.pair(v, v, r * v);
                    tab.route(0, 1, r * v, out);
                    e[8] = Math.max(e[8], Math.abs(out[0] - y[0]) / snEq);
                    e[9] = Math.max(e[9], Math.abs(out[1] - y[1]) / stEq);
                }
                System.out.printf(Locale.ROOT, "| %s | %.0e |", p.describe(), v);
                for (double x : e) {
                    System.out.printf(Locale.ROOT, " %.1e |", x);
                }
                System.out.printf(Locale.ROOT, " %d/%d |%n", quad, RHOS.length);
            }
        }
    }

    /** Share of pairs per route for inputs of random norms through a depth-3 tanh / elu network. */
    static void routes() {
        System.out.println("| activation | norms | layer | series | quadrature | max var |");
        System.out.println("|---|---|---|---|---|---|");
        int n = 200;
        int d = 64;
        for (Pointwise p : List.of(Builtin.TANH, Builtin.ELU, Pointwise.compose(Builtin.RELU, Builtin.TANH))) {
            for (double spread : new double[] {2, 100}) {
                Random rnd = new Random(1);
                double[][] x = new double[n][d];
                for (double[] row : x) {
                    double norm = Math.exp((rnd.nextDouble() * 2 - 1) * Math.log(spread)) * Math.sqrt(d);
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        row[k] = rnd.nextGaussian() + (k < 8 ? 1.5 : 0); // shared component: correlated inputs
                        s += row[k] * row[k];
                    }
                    for (int k = 0; k < d; k++) {
                        row[k] *= norm / Math.sqrt(s);
                    }
                }
                double w2 = 1.5 * 1.5;
                double b2 = 0.05 * 0.05;
                double[][] k = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int q = 0; q < d; q++) {
                            s += x[i][q] * x[j][q];
                        }
                        k[i][j] = w2 * s / d + b2;
                    }
                }
                for (int layer = 1; layer <= 3; layer++) {
                    double[] var = new double[n];
                    double maxVar = 0;
                    for (int i = 0; i < n; i++) {
                        var[i] = k[i][i];
                        maxVar = Math.max(maxVar, var[i]);
                    }
                    NumericalKernel nk = NumericalKernel.prepare(p, var, new NumericalKernel.Settings(128, 1e-10, 1e-10, false));
                    int series = 0;
                    int quad = 0;
                    double[][] next = new double[n][n];
                    double[] out = new double[4];
                    for (int i = 0; i < n; i++) {
                        for (int j = i; j < n; j++) {
                            NumericalKernel.Route r = nk.route(i, j, k[i][j], out);
                            series += r == NumericalKernel.Route.SERIES ? 1 : 0;
                            quad += r == NumericalKernel.Route.QUADRATURE ? 1 : 0;
                            next[i][j] = w2 * out[0] + b2;
                            next[j][i] = next[i][j];
                        }
                    }
                    int pairs = n * (n + 1) / 2;
                    System.out.printf(Locale.ROOT, "| %s | ×/÷%.0f | %d | %.1f %% | %.2f %% | %.2g |%n", p.describe(), spread,
                            layer, 100.0 * series / pairs, 100.0 * quad / pairs, maxVar);
                    k = next;
                }
            }
        }
    }

    /** Per-row precompute and per-entry times (medians of repeated runs, ns). */
    static void cost() {
        System.out.println("| activation | N | per row (µs) | series per entry (ns) | table per entry (ns) | table build (ms) | quadrature per entry (µs) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Pointwise p : List.of(Builtin.TANH, Builtin.ELU, Pointwise.compose(Builtin.RELU, Builtin.TANH))) {
            for (int order : new int[] {64, 128, 256}) {
                double v = 1.3;
                int rows = 400;
                double[] var = new double[rows];
                Random rnd = new Random(3);
                for (int i = 0; i < rows; i++) {
                    var[i] = v * (0.5 + rnd.nextDouble());
                }
                NumericalKernel.Settings s = new NumericalKernel.Settings(order, 1e-10, 1e-10, false);
                List<Double> rowT = new ArrayList<>();
                NumericalKernel nk = null;
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    nk = NumericalKernel.prepare(p, var, s);
                    rowT.add((System.nanoTime() - t0) / 1e3 / rows);
                }
                double[] out = new double[4];
                List<Double> serT = new ArrayList<>();
                double sink = 0;
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    int cnt = 0;
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < rows; j++) {
                            MehlerSeries.evaluate(nk.row(i), nk.row(j), 0.37, out);
                            sink += out[0];
                            cnt++;
                        }
                    }
                    serT.add((System.nanoTime() - t0) / (double) cnt);
                }
                List<Double> buildT = new ArrayList<>();
                NumericalKernel tab = null;
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    tab = NumericalKernel.prepare(p, new double[] {v, v}, new NumericalKernel.Settings(order, 1e-10, 1e-10, true));
                    buildT.add((System.nanoTime() - t0) / 1e6);
                }
                List<Double> tabT = new ArrayList<>();
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    int cnt = 1_000_000;
                    for (int c = 0; c < cnt; c++) {
                        tab.table().evaluate(-1 + 2.0 * c / cnt, out);
                        sink += out[0];
                    }
                    tabT.add((System.nanoTime() - t0) / (double) cnt);
                }
                PolarQuadrature pq = new PolarQuadrature(p);
                List<Double> qT = new ArrayList<>();
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    for (int c = 0; c < 20; c++) {
                        sink += pq.pair(v, 1.7 * v, 0.99 * Math.sqrt(1.7) * v)[0];
                    }
                    qT.add((System.nanoTime() - t0) / 1e3 / 20);
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %.1f | %.0f |%s%n", p.describe(), order,
                        median(rowT), median(serT), median(tabT), median(buildT), median(qT), sink == 42 ? " " : "");
            }
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
