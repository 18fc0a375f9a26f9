package org.ntk4j.numerical;

import java.util.Arrays;

/**
 * E[φ(u)φ(v)] and E[φ′(u)φ′(v)] for one centred Gaussian pair by quadrature in polar coordinates:
 * with u = σ1 r cos α and v = σ2 r cos(α − θ), cos θ = ρ,
 * E[f(u)g(v)] = (1/2π) ∫₀^{2π} dα ∫₀^∞ r e^{−r²/2} f(σ1 r cos α) g(σ2 r cos(α − θ)) dr.
 *
 * <p>Why polar: a kink at 0 is a ray, so splitting the angle at the four rays cos α = 0 and
 * cos(α − θ) = 0 leaves arcs on which the radial integral is smooth in α, however close θ is to 0
 * or π; the arcs of length θ are integrated on their own, so ρ = ±1 and ρ = 1 − 1e-12 cost the same.
 * Each arc is graded geometrically toward its ends down to 1/σ (a large variance puts the
 * activation's features within δα ≈ 1/σ of a ray), and each radial integral is split where σ r |cos|
 * meets a {@link Breakpoints breakpoint} (kinks anywhere, and the grading around 0). Gauss–Legendre
 * of order {@value #ORDER} on every panel; radial cut at r = {@value #RADIUS} (e^{−50}). The
 * accurate but slow path: about 10⁴–10⁵ evaluations of φ and φ′ per pair.
 */
final class PolarQuadrature {

    static final int ORDER = 16;
    static final double RADIUS = 10;
    /** Longest radial panel: keeps r e^{−r²/2} itself resolved on panels without breakpoints. */
    private static final double MAX_RADIAL_PANEL = 1.25;

    private final Pointwise phi;
    private final double[] points;

    PolarQuadrature(Pointwise phi) {
        this.phi = phi;
        this.points = Breakpoints.of(phi);
    }

    /**
     * {E[φ(u)φ(v)], E[φ′(u)φ′(v)]} for variances k11, k22 ≥ 0 and covariance k12, |k12| ≤
     * sqrt(k11 k22) (clamped to it).
     */
    double[] pair(double k11, double k22, double k12) {
        double s1 = Math.sqrt(k11);
        double s2 = Math.sqrt(k22);
        // sqrt(k11 k22), not s1 s2: exactly k12 when k12 = k11 = k22, so equal inputs get θ = 0
        double theta = k11 * k22 > 0 ? Math.acos(Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22)))) : Math.PI / 2;
        double h = Math.PI / 2;
        // arcs between consecutive rays; each end belongs to the factor whose cosine vanishes there
        double[] ends = {h, h + theta, 3 * h, 3 * h + theta, 5 * h};
        double[] endScale = {s1, s2, s1, s2, s1};
        double[] acc = new double[2];
        double[] x = GaussLegendre.nodes(ORDER);
        double[] w = GaussLegendre.weights(ORDER);
        double[] radial = new double[2];
        double[] rb = new double[4 * points.length + 16];
        for (int k = 0; k < 4; k++) {
            double a = ends[k];
            double b = ends[k + 1];
            if (b <= a) {
                continue;
            }
            double[] panels = gradedArc(a, b, endScale[k], endScale[k + 1]);
            for (int p = 0; p + 1 < panels.length; p++) {
                double lo = panels[p];
                double half = 0.5 * (panels[p + 1] - lo);
                double mid = lo + half;
                for (int i = 0; i < ORDER; i++) {
                    double alpha = mid + half * x[i];
                    radial(s1 * Math.cos(alpha), s2 * Math.cos(alpha - theta), rb, radial);
                    acc[0] += half * w[i] * radial[0];
                    acc[1] += half * w[i] * radial[1];
                }
            }
        }
        acc[0] /= 2 * Math.PI;
        acc[1] /= 2 * Math.PI;
        return acc;
    }

    /** Arc [a, b] cut geometrically toward each end until the innermost piece is ≈ 1/σ of that end. */
    static double[] gradedArc(double a, double b, double scaleA, double scaleB) {
        double len = b - a;
        int la = levels(len, scaleA);
        int lb = levels(len, scaleB);
        double[] cuts = new double[la + lb + 3];
        int n = 0;
        cuts[n++] = a;
        cuts[n++] = b;
        cuts[n++] = a + 0.5 * len;
        double d = 0.5 * len;
        for (int i = 0; i < la; i++) {
            d *= 0.5;
            cuts[n++] = a + d;
        }
        d = 0.5 * len;
        for (int i = 0; i < lb; i++) {
            d *= 0.5;
            cuts[n++] = b - d;
        }
        return Arrays.stream(cuts, 0, n).sorted().distinct().toArray();
    }

    private static int levels(double len, double scale) {
        double t = len * scale;
        return t <= 2 ? 0 : (int) Math.ceil(Math.log(t) / Math.log(2)) - 1;
    }

    /** ∫₀^R r e^{−r²/2} {φ(ar)φ(br), φ′(ar)φ′(br)} dr into out, split where |a|r, |b|r meet breakpoints. */
    private void radial(double a, double b, double[] buf, double[] out) {
        int n = 0;
        buf[n++] = 0;
        buf[n++] = RADIUS;
        n = cuts(a, buf, n);
        n = cuts(b, buf, n);
        for (double r = MAX_RADIAL_PANEL; r < RADIUS; r += MAX_RADIAL_PANEL) {
            buf[n++] = r;
        }
        Arrays.sort(buf, 0, n);
        double[] x = GaussLegendre.nodes(ORDER);
        double[] w = GaussLegendre.weights(ORDER);
        double f = 0;
        double g = 0;
        for (int p = 0; p + 1 < n; p++) {
            double lo = buf[p];
            double half = 0.5 * (buf[p + 1] - lo);
            if (half <= 0) {
                continue;
            }
            double mid = lo + half;
            for (int i = 0; i < ORDER; i++) {
                double r = mid + half * x[i];
                double wr = half * w[i] * r * Math.exp(-0.5 * r * r);
                double u = a * r;
                double v = b * r;
                f += wr * phi.value(u) * phi.value(v);
                g += wr * phi.derivative(u) * phi.derivative(v);
            }
        }
        out[0] = f;
        out[1] = g;
    }

    private int cuts(double scale, double[] buf, int n) {
        if (scale == 0) {
            return n;
        }
        for (double t : points) {
            double r = t / scale;
            if (r > 0 && r < RADIUS) {
                buf[n++] = r;
            }
        }
        return n;
    }
}
