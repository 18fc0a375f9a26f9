package org.ntk4j.numerical;

import java.util.TreeSet;

/**
 * Computes an input's {@link RowSeries}: the Hermite coefficients of z ↦ φ(σz) by composite
 * Gauss–Legendre quadrature on |z| ≤ {@value #Z_MAX}, with the normalised Hermite functions
 * h_n(z) = He_n(z) γ(z)^{1/2} / sqrt(n!) from their three-term recurrence
 * h_{n+1} = (z h_n − sqrt(n) h_{n−1}) / sqrt(n + 1), which stays bounded (|h_n| &lt; 1) for any n.
 *
 * <p>a_n = ∫ φ(σz) h_n(z) γ(z)^{1/2} dz; the integrand is below |φ(σz)| e^{−z²/4}, so |z| ≤ 13
 * loses less than e^{−42} whatever N. Panels split at the {@link Breakpoints} divided by σ and are at
 * most 8.5/sqrt(N + 1/2) long, so h_N's phase moves by at most 4.25 on each (Gauss–Legendre 16 then
 * integrates it to rounding). Cost ≈ 5 N flops per node, ≈ 800 nodes for N = 128.
 */
final class HermiteProjection {

    static final double Z_MAX = 13;
    private static final int ORDER = 16;
    private static final double QUARTER_ROOT_2PI = Math.pow(2 * Math.PI, 0.25);

    private HermiteProjection() {
    }

    static RowSeries of(Pointwise phi, double variance, int order) {
        double sigma = Math.sqrt(variance);
        double[] cuts = panels(phi, sigma, order);
        double[] a = new double[order + 1];
        double[] b = new double[order + 1];
        double[] root = new double[order + 2];
        for (int n = 0; n < root.length; n++) {
            root[n] = Math.sqrt(n);
        }
        double[] x = GaussLegendre.nodes(ORDER);
        double[] w = GaussLegendre.weights(ORDER);
        double e = 0;
        double ed = 0;
        for (int p = 0; p + 1 < cuts.length; p++) {
            double half = 0.5 * (cuts[p + 1] - cuts[p]);
            double mid = cuts[p] + half;
            for (int i = 0; i < ORDER; i++) {
                double z = mid + half * x[i];
                double g = Math.exp(-0.25 * z * z) / QUARTER_ROOT_2PI; // γ(z)^{1/2} = h_0(z)
                double f = phi.value(sigma * z);
                double d = phi.derivative(sigma * z);
                double wq = half * w[i];
                e += wq * g * g * f * f;
                ed += wq * g * g * d * d;
                double fw = wq * g * f;
                double dw = wq * g * d;
                double hPrev = 0;
                double h = g;
                for (int n = 0; n <= order; n++) {
                    a[n] += fw * h;
                    b[n] += dw * h;
                    double next = (z * h - root[n] * hPrev) / root[n + 1];
                    hPrev = h;
                    h = next;
                }
            }
        }
        double ta = e;
        double tb = ed;
        for (int n = 0; n <= order; n++) {
            ta -= a[n] * a[n];
            tb -= b[n] * b[n];
        }
        return new RowSeries(variance, a, b, e, ed, Math.max(0, ta), Math.max(0, tb));
    }

    private static double[] panels(Pointwise phi, double sigma, int order) {
        TreeSet<Double> c = new TreeSet<>();
        c.add(-Z_MAX);
        c.add(Z_MAX);
        if (sigma > 0) {
            for (double t : Breakpoints.of(phi)) {
                double z = t / sigma;
                if (Math.abs(z) < Z_MAX) {
                    c.add(z);
                }
            }
        }
        double maxLen = Math.min(1, 8.5 / Math.sqrt(order + 0.5));
        double[] sorted = c.stream().mapToDouble(Double::doubleValue).toArray();
        TreeSet<Double> all = new TreeSet<>(c);
        for (int i = 0; i + 1 < sorted.length; i++) {
            int pieces = (int) Math.ceil((sorted[i + 1] - sorted[i]) / maxLen);
            for (int k = 1; k < pieces; k++) {
                all.add(sorted[i] + (sorted[i + 1] - sorted[i]) * k / pieces);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
