package org.ntk4j.kernel;

import org.ntk4j.simd.DiagonalTables;
import org.ntk4j.simd.Recursion;

/**
 * The determinant g = k11 k22 − k12² of the first layer's pre-activation covariance, taken from the
 * inputs instead of from the rounded kernel entries, for the maps that divide by a determinant-like
 * D = c0 + c1 (k11 + k22) + c2 g ({@link Activation#determinantForm}; erf's Ṫ = (4/π)/sqrt(D) with
 * D = 1 + 2(k11 + k22) + 4g, and its arcsine).
 *
 * <p>Why: from the kernel entries g is a difference of two products of size k11 k22, each
 * carrying the Gram's rounding (up to γ_d = d·u relative). For nearly collinear inputs of large
 * norm g is far smaller than those products, and D's relative error (2d + 6)·4u·k11 k22 / D
 * reaches 1e-4 (1-D inputs of norm 2e6; their NTK correlation matrix then fell below its PSD
 * bound). From the inputs, with x·x', |x|² and |x'|² in double-double (Ogita, Rump &amp; Oishi
 * 2005, "Accurate sum and dot product"), g0 = (|x|²|x'|² − (x·x')²)/d² and the distance
 * δ0 = (|x|² + |x'|² − 2 x·x')/d have full relative accuracy, and the dense layer (w², b²)
 * maps them without cancellation: g = w⁴ g0 + w² b² δ0.
 *
 * <p>The double-double products cost about ten times the Gram per entry, so only entries whose
 * naive D may be off by more than {@link #TAU} relative are recomputed: the tile is scanned only
 * when its largest variances make that possible at all, and then the flagged entries get the
 * whole recursion again from this determinant. The scan and the repair are the same code for both
 * implementations, so a repaired entry has the same bits in both.
 */
final class InputDeterminant {

    /**
     * Largest relative error of the naive D left unrepaired (2^-36 ≈ 1.5e-11): Ṫ then errs by at
     * most τ/2 and the arcsine's argument stays at least sqrt((2d + 6)u/τ) away from ±1.
     */
    static final double TAU = 0x1p-36;
    private static final double U = 0x1p-53;

    private InputDeterminant() {
    }

    /** The first layer's D form {c0, c1, c2} when the network starts dense, then such a map; else null. */
    static double[] form(Recursion pr) {
        return pr.length() >= 2 && pr.isDense(0) && !pr.isDense(1) ? pr.activation(1).determinantForm() : null;
    }

    /** c2 (2d + 6)u: the bound on the naive D's absolute error, per unit of k11 k22. */
    private static double errorPerProduct(double[] form, int d) {
        return form[2] * (2.0 * d + 6) * U;
    }

    /**
     * False when no entry of the tile can need a repair: even at g = 0, D ≥ 1 + 2(k11 + k22)
     * exceeds the error bound over τ for the tile's largest variances.
     */
    static boolean mayNeedRepair(double[] form, int d, DiagonalTables t1, int i0, int rows, DiagonalTables t2, int j0,
                                 int cols) {
        double[] r1 = range(t1, i0, rows);
        double[] r2 = range(t2, j0, cols);
        return errorPerProduct(form, d) * r1[1] * r2[1] > TAU * (form[0] + form[1] * (r1[0] + r2[0]));
    }

    /** {min, max} of the first layer's variances k of inputs i0 .. i0 + count − 1. */
    private static double[] range(DiagonalTables t, int i0, int count) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < count; i++) {
            double k = t.nngp(1, i0 + i);
            max = Math.max(max, k);
            min = Math.min(min, k);
        }
        return new double[] {min, max};
    }

    /**
     * The tile entries (as offsets into the Gram block) whose naive D may err by more than τ:
     * read from the Gram entries before the recursion overwrites them. Entries with equal
     * inputs' bits (k12 = k11 = k22 at the input) are exact already and are not listed.
     */
    static int[] flag(Recursion pr, double[] form, int d, double[] gram, int off, int ld, int rows, int cols,
                      DiagonalTables t1, int i0, DiagonalTables t2, int j0) {
        double w2 = pr.weightVariance(0);
        double b2 = pr.biasVariance(0);
        double perProduct = errorPerProduct(form, d);
        int[] out = new int[8];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            double k11 = t1.nngp(1, i0 + i);
            double in11 = t1.nngp(0, i0 + i);
            for (int j = 0; j < cols; j++) {
                int at = off + i * ld + j;
                double in12 = gram[at] / d;
                double k22 = t2.nngp(1, j0 + j);
                if (in12 == in11 && in12 == t2.nngp(0, j0 + j)) {
                    continue;
                }
                double k12 = w2 * in12 + b2;
                double gap = Math.max(0.0, k11 * k22 - k12 * k12);
                double dd = form[0] + form[1] * (k11 + k22) + form[2] * gap;
                if (perProduct * k11 * k22 > TAU * dd) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = i * ld + j;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Recomputes the flagged entries (offsets from {@link #flag}) of the tile at k/t[off + ...]:
     * the first layer from the inputs' determinant, the rest by the scalar reference.
     */
    static void repair(Recursion pr, int d, int[] flagged, double[] x1, int i0, double[] x2, int j0,
                       double[] k, double[] t, int off, int ld, DiagonalTables t1, int di0, DiagonalTables t2, int dj0) {
        double w2 = pr.weightVariance(0);
        double b2 = pr.biasVariance(0);
        Activation phi = pr.activation(1);
        double[] kt = new double[2];
        for (int f : flagged) {
            int i = f / ld;
            int j = f % ld;
            int a = (i0 + i) * d;
            int b = (j0 + j) * d;
            double[] n1 = dot2(x1, a, x1, a, d);
            double[] n2 = dot2(x2, b, x2, b, d);
            double[] g = dot2(x1, a, x2, b, d);
            // g0 d² = n1 n2 − g², δ0 d = n1 + n2 − 2g, each in double-double
            double[] prod = sub(mul(n1, n2), mul(g, g));
            double[] dist = sub(add(n1, n2), add(g, g));
            double g0 = Math.max(0.0, (prod[0] + prod[1]) / ((double) d * d));
            double delta0 = Math.max(0.0, (dist[0] + dist[1]) / d);
            double k11 = t1.nngp(1, di0 + i);
            double k22 = t2.nngp(1, dj0 + j);
            double k12 = w2 * (g[0] / d) + b2;   // as the reference rounds the Gram entry
            double gap = w2 * w2 * g0 + w2 * b2 * delta0;
            double kNew = phi.nngpWithGap(k12, k11, k22, gap);
            double tNew = phi.tdotWithGap(k12, k11, k22, gap) * k12;   // Θ entering the activation: the dense op's k
            pr.run(2, kNew, tNew, t1, di0 + i, t2, dj0 + j, kt);
            k[off + f] = kt[0];
            t[off + f] = kt[1];
        }
    }

    /** Σ a_k b_k in double-double, {hi, lo} with |lo| ≤ ulp(hi)/2 (Dot2 of Ogita, Rump and Oishi). */
    static double[] dot2(double[] x, int xo, double[] y, int yo, int n) {
        double s = 0;
        double c = 0;
        for (int k = 0; k < n; k++) {
            double p = x[xo + k] * y[yo + k];
            double pe = Math.fma(x[xo + k], y[yo + k], -p);
            double t = s + p;
            double bb = t - s;
            double se = (s - (t - bb)) + (p - bb);
            s = t;
            c += se + pe;
        }
        return fastTwoSum(s, c);
    }

    private static double[] fastTwoSum(double a, double b) {
        double s = a + b;
        return new double[] {s, b - (s - a)};
    }

    private static double[] twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return new double[] {s, (a - (s - bb)) + (b - bb)};
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = twoSum(a[0], b[0]);
        return fastTwoSum(s[0], s[1] + a[1] + b[1]);
    }

    private static double[] sub(double[] a, double[] b) {
        return add(a, new double[] {-b[0], -b[1]});
    }

    private static double[] mul(double[] a, double[] b) {
        double p = a[0] * b[0];
        double e = Math.fma(a[0], b[0], -p);
        return fastTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
    }
}
