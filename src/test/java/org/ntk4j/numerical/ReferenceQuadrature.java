package org.ntk4j.numerical;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * The tests' independent reference for E[f(u) g(v)], (u, v) centred Gaussian: nested adaptive
 * Gauss–Kronrod (7/15) in Cartesian coordinates, u = σ1 z1, v = σ2(ρ z1 + s z2), s = sqrt(1 − ρ²),
 * E = ∫ γ(z1) f(σ1 z1) [∫ γ(z2) g(σ2(ρ z1 + s z2)) dz2] dz1. The inner integral is split where its
 * argument meets a kink; the outer where f's argument does, and where the inner integral's mean
 * σ2 ρ z1 does (for s → 0 the inner integral turns into a kink of width s there). Shares no code with
 * the library's quadratures (polar, fixed-order) or its Hermite series.
 */
final class ReferenceQuadrature {

    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    /** |z| ≤ 14: γ(14) ≈ 1e-43, beyond any polynomial growth of φ that matters. */
    private static final double Z_MAX = 14;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Splits on the activation's own scale around 0, besides the kinks. */
    private static final double[] FEATURES = {-20, -6, -2, -0.7, 0, 0.7, 2, 6, 20};

    private final double relTol;

    ReferenceQuadrature(double relTol) {
        this.relTol = relTol;
    }

    static ReferenceQuadrature defaults() {
        return new ReferenceQuadrature(1e-14);
    }

    /** E[φ(u)φ(v)]. */
    double nngp(Pointwise phi, double k11, double k22, double k12) {
        return expectation(phi::value, phi::value, split(phi), k11, k22, k12);
    }

    /** E[φ′(u)φ′(v)]. */
    double tdot(Pointwise phi, double k11, double k22, double k12) {
        return expectation(phi::derivative, phi::derivative, split(phi), k11, k22, k12);
    }

    private static double[] split(Pointwise phi) {
        TreeSet<Double> s = new TreeSet<>();
        for (double k : phi.kinks()) {
            s.add(k);
        }
        for (double k : FEATURES) {
            s.add(k);
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double expectation(DoubleUnaryOperator f, DoubleUnaryOperator g, double[] pts, double k11, double k22,
            double k12) {
        double s1 = Math.sqrt(k11);
        double s2 = Math.sqrt(k22);
        double rho = k11 * k22 > 0 ? Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22))) : 0;
        double s = Math.sqrt((1 - rho) * (1 + rho));
        // scale for the absolute tolerance: sqrt(E f(u)² E g(v)²) by a 1-D pass
        double ff = oneD(z -> sq(f.applyAsDouble(s1 * z)), cuts(pts, s1, 0), 0);
        double gg = oneD(z -> sq(g.applyAsDouble(s2 * z)), cuts(pts, s2, 0), 0);
        double abs = 1e-16 * Math.sqrt(ff * gg) + 1e-300;
        if (s == 0) {
            double[] c = merge(cuts(pts, s1, 0), cuts(pts, s2 * rho, 0));
            return oneD(z -> f.applyAsDouble(s1 * z) * g.applyAsDouble(s2 * rho * z), c, abs);
        }
        DoubleUnaryOperator inner = z1 -> {
            double m = s2 * rho * z1;
            double[] c = cuts(pts, s2 * s, m);
            return oneD(z2 -> g.applyAsDouble(m + s2 * s * z2), c, abs);
        };
        double[] outer = merge(merge(cuts(pts, s1, 0), cuts(pts, s2 * rho, 0)), smoothedKinks(pts, s2 * rho, s / Math.abs(rho)));
        return oneD(z1 -> f.applyAsDouble(s1 * z1) * inner.applyAsDouble(z1), outer, abs);
    }

    /** Standardised split points z with offset + scale · z = t for each t, within ±Z_MAX. */
    private static double[] cuts(double[] pts, double scale, double offset) {
        TreeSet<Double> c = new TreeSet<>();
        c.add(-Z_MAX);
        c.add(Z_MAX);
        if (scale != 0) {
            for (double t : pts) {
                double z = (t - offset) / scale;
                if (Math.abs(z) < Z_MAX) {
                    c.add(z);
                }
            }
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Around each z1 = t/(σ2 ρ) the inner integral moves like a kink smoothed over a width s/|ρ|:
     * cut at ±(s/|ρ|) 4^k there, or an adaptive rule can step over the feature unseen.
     */
    private static double[] smoothedKinks(double[] pts, double scale, double width) {
        TreeSet<Double> c = new TreeSet<>();
        if (scale != 0) {
            for (double t : pts) {
                double z = t / scale;
                for (double d = width; d < 1; d *= 4) {
                    for (double p : new double[] {z - d, z + d}) {
                        if (Math.abs(p) < Z_MAX) {
                            c.add(p);
                        }
                    }
                }
            }
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] merge(double[] a, double[] b) {
        double[] m = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, m, a.length, b.length);
        return Arrays.stream(m).sorted().distinct().toArray();
    }

    /** ∫ γ(z) h(z) dz over [−Z_MAX, Z_MAX], adaptive on each piece between the cuts. */
    private double oneD(DoubleUnaryOperator h, double[] cuts, double abs) {
        DoubleUnaryOperator w = z -> INV_SQRT_2PI * Math.exp(-0.5 * z * z) * h.applyAsDouble(z);
        double total = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            total += adapt(w, cuts[i], cuts[i + 1], abs, 0);
        }
        return total;
    }

    private double adapt(DoubleUnaryOperator w, double a, double b, double abs, int depth) {
        double c = 0.5 * (a + b);
        double hl = 0.5 * (b - a);
        double k = 0;
        double g = 0;
        double kAbs = 0;
        for (int j = 0; j < 8; j++) {
            double x = XGK[j] * hl;
            double fl = j == 7 ? 0 : w.applyAsDouble(c - x);
            double fr = w.applyAsDouble(c + x);
            double fs = fl + fr;
            double fa = Math.abs(fl) + Math.abs(fr);
            k += WGK[j] * fs;
            kAbs += WGK[j] * fa;
            if (j % 2 == 1) {
                g += WG[j / 2] * fs;
            }
        }
        k *= hl;
        g *= hl;
        kAbs *= hl;
        double err = Math.abs(k - g);
        // the Kronrod-Gauss gap cannot fall below the rounding of the sum: stop there, not 2^depth later
        if (err <= Math.max(Math.max(abs * hl, relTol * kAbs), 32 * Math.ulp(kAbs)) || depth > 30) {
            return k;
        }
        return adapt(w, a, c, abs, depth + 1) + adapt(w, c, b, abs, depth + 1);
    }

    private static double sq(double v) {
        return v * v;
    }
}
