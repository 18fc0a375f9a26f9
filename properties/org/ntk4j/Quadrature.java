package org.ntk4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * An independent reference for Gaussian expectations, written for the tests only: adaptive
 * Gauss–Kronrod (7, 15) on intervals split at given breakpoints, so kinks and jumps of φ sit on
 * interval ends. {@link #expect} gives E[f(u)] for u ~ N(0, q); {@link #pair} gives E[f(u) g(v)]
 * for a centred pair by the nested integral over v's conditional law. Slow (10^4 to 10^6
 * evaluations), accurate to about 1e-13 relative on the kernels' scale.
 */
public final class Quadrature {

    // Kronrod nodes on [−1, 1] (positive half) and weights; the odd ones are the Gauss nodes
    private static final double[] X = {0.991455371120812639, 0.949107912342758525, 0.864864423359769073,
        0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0.0};
    private static final double[] WK = {0.022935322010529225, 0.063092092629978553, 0.104790010322250184,
        0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892,
        0.209482141084727828};
    private static final double[] WG = {0.129484966168869693, 0.279705391489276668, 0.381830050505118945,
        0.417959183673469388};
    private static final double INV_SQRT_TWO_PI = 0.3989422804014327;

    private Quadrature() {
    }

    /**
     * ∫ f over [a, b], adaptive, to an absolute tolerance tol: an interval is accepted when its
     * Kronrod and Gauss sums differ by at most its share of tol, or by at most 1e-14 of the
     * Kronrod sum of |f| (rounding then dominates: the Kronrod sum itself is far more accurate
     * than that difference), or after 30 bisections.
     */
    public static double integrate(DoubleUnaryOperator f, double a, double b, double tol) {
        return adapt(f, a, b, tol, 30);
    }

    private static double adapt(DoubleUnaryOperator f, double a, double b, double tol, int depth) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double kron = WK[7] * fc;
        double gauss = WG[3] * fc;
        double abs = WK[7] * Math.abs(fc);
        for (int i = 0; i < 7; i++) {
            double dx = h * X[i];
            double lo = f.applyAsDouble(c - dx);
            double hi = f.applyAsDouble(c + dx);
            kron += WK[i] * (lo + hi);
            abs += WK[i] * (Math.abs(lo) + Math.abs(hi));
            if (i % 2 == 1) {
                gauss += WG[i / 2] * (lo + hi);
            }
        }
        kron *= h;
        gauss *= h;
        double err = Math.abs(kron - gauss);
        if (depth == 0 || err <= tol || err <= 1e-14 * Math.abs(h) * abs) {
            return kron;
        }
        return adapt(f, a, c, tol / 2, depth - 1) + adapt(f, c, b, tol / 2, depth - 1);
    }

    /** ∫ f over [a, b] split at the breakpoints inside it. */
    public static double integrate(DoubleUnaryOperator f, double a, double b, double tol, double... breaks) {
        double[] pts = Arrays.stream(breaks).filter(x -> x > a && x < b).sorted().toArray();
        double sum = 0;
        double lo = a;
        for (double p : pts) {
            sum += integrate(f, lo, p, tol);
            lo = p;
        }
        return sum + integrate(f, lo, b, tol);
    }

    /** Offsets, in the activation's own variable, of the extra splits around each breakpoint. */
    private static final double[] AROUND = {-16, -4, -1, 0, 1, 4, 16};

    /**
     * The breakpoints and, around each, splits at ±1, 4, 16: an activation changes on the scale
     * 1 of its argument near its kink (gelu's Φ, the smooth ones' transitions), which in the
     * variable z = u/sqrt(q) is a width of 1/sqrt(q); without these splits the first interval's
     * nodes miss it at large q and the Kronrod and Gauss sums agree on a wrong value (gelu at
     * q = 1e4: 2.5e-8 relative, against 40-digit arithmetic).
     */
    private static double[] refined(double[] breaks) {
        return Arrays.stream(breaks).flatMap(b -> Arrays.stream(AROUND).map(c -> b + c)).toArray();
    }

    /**
     * E[f(u)] for u ~ N(0, q), q ≥ 0, in the variable z = u/sqrt(q) over [−12, 12] (the tails
     * beyond weigh below e^-72), split at the breakpoints of f (in u) and around them.
     */
    public static double expect(DoubleUnaryOperator f, double q, double tol, double... breaks) {
        if (q == 0) {
            return f.applyAsDouble(0);
        }
        double s = Math.sqrt(q);
        double[] zb = Arrays.stream(refined(breaks)).map(b -> b / s).toArray();
        return integrate(z -> f.applyAsDouble(s * z) * INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z), -12, 12, tol, zb);
    }

    /**
     * E[f(u) g(v)] for (u, v) centred Gaussian with variances k11, k22 &gt; 0 and covariance k12:
     * u = s1 z1, v = s2 (ρ z1 + sqrt(1 − ρ²) z2); the inner integral over z2 is split where v
     * crosses a breakpoint of g (or comes within 1, 4, 16 of one), the outer at those of f in z1
     * and where the inner split points leave [−12, 12].
     */
    public static double pair(DoubleUnaryOperator f, DoubleUnaryOperator g, double k11, double k22, double k12,
                              double tol, double... kinks) {
        double[] breaks = refined(kinks);
        double s1 = Math.sqrt(k11);
        double s2 = Math.sqrt(k22);
        double rho = Math.max(-1, Math.min(1, k12 / (s1 * s2)));
        double c = Math.sqrt(Math.max(0, (1 - rho) * (1 + rho)));
        if (c < 1e-7) { // v = ±(s2/s1) u to within the integrand's resolution
            return integrate(z -> f.applyAsDouble(s1 * z) * g.applyAsDouble(s2 * rho * z) * INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z),
                    -12, 12, tol, outerBreaks(breaks, s1, s2, rho, 0));
        }
        DoubleUnaryOperator inner = z1 -> {
            double mean = rho * z1;
            double[] zb = Arrays.stream(breaks).map(b -> (b / s2 - mean) / c).toArray();
            return integrate(z2 -> g.applyAsDouble(s2 * (mean + c * z2)) * INV_SQRT_TWO_PI * Math.exp(-0.5 * z2 * z2),
                    -12, 12, tol * 1e-2, zb);
        };
        return integrate(z1 -> f.applyAsDouble(s1 * z1) * inner.applyAsDouble(z1) * INV_SQRT_TWO_PI * Math.exp(-0.5 * z1 * z1),
                -12, 12, tol, outerBreaks(breaks, s1, s2, rho, c));
    }

    private static double[] outerBreaks(double[] breaks, double s1, double s2, double rho, double c) {
        List<Double> out = new ArrayList<>();
        for (double b : breaks) {
            out.add(b / s1);
            if (rho != 0) {
                out.add(b / (s2 * rho));                      // where g's break passes z2 = 0
                for (double edge : new double[] {-12, 12}) {   // ... and where it leaves the inner range
                    out.add((b / s2 - c * edge) / rho);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
