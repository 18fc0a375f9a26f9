package org.ntk4j.recursion;

/**
 * The erf kernel (Williams 1997, "Computing with infinite networks"): for a centred Gaussian pair
 * (u, v) with E[u²] = k11, E[v²] = k22, E[uv] = k12,
 * E[erf(u) erf(v)] = (2/π) arcsin(2 k12 / sqrt((1 + 2 k11)(1 + 2 k22))) and
 * E[erf'(u) erf'(v)] = (4/π) / sqrt((1 + 2 k11)(1 + 2 k22) − 4 k12²). The scalar reference.
 */
public final class ArcSineErf {

    private ArcSineErf() {
    }

    /**
     * The arcsine argument 2 k12 / sqrt((1 + 2 k11)(1 + 2 k22)) after k12 is held to its
     * Cauchy–Schwarz bound |k12| ≤ sqrt(k11) sqrt(k22), widened by 2^-49 so that it never moves
     * two equal inputs; then clamped to [−1, 1]. Rounding in the layers before can push k12 a few
     * ulps past the bound, and past the order-to-chaos transition the arcsine map would amplify
     * that excess layer after layer into a correlation above 1.
     */
    public static double sine(double k12, double k11, double k22) {
        double k = k12;
        if (k12 * k12 > k11 * k22 * (1 + 0x1p-48)) { // rare: test the square, take roots only here
            k = Math.copySign(Math.sqrt(k11) * Math.sqrt(k22) * (1 + 0x1p-49), k12);
        }
        double s = 2 * k / Math.sqrt((1 + 2 * k11) * (1 + 2 * k22));
        return Math.min(1.0, Math.max(-1.0, s));
    }

    /** E[erf(u) erf(v)] = (2/π) arcsin(2 k12 / sqrt((1 + 2 k11)(1 + 2 k22))). */
    public static double nngp(double k12, double k11, double k22) {
        return 2 / Math.PI * Math.asin(sine(k12, k11, k22));
    }

    /**
     * E[erf'(u) erf'(v)] = (4/π) / sqrt(D) with D = (1 + 2 k11)(1 + 2 k22) − 4 k12², evaluated as
     * D = 1 + 2 (k11 + k22) + 4 (k11 k22 − k12²): the bracket is ≥ 0 (Cauchy–Schwarz), so D ≥ 1
     * without the cancellation of the textbook form when k12² ≈ k11 k22 is large.
     */
    public static double tdot(double k12, double k11, double k22) {
        double gap = Math.max(0.0, k11 * k22 - k12 * k12);
        return tdotFromGap(k11, k22, gap);
    }

    /**
     * Ṫ from the determinant gap = k11 k22 − k12² ≥ 0 given on its own (computed without the
     * cancellation of the difference of products): (4/π)/sqrt(1 + 2(k11 + k22) + 4 gap).
     */
    public static double tdotFromGap(double k11, double k22, double gap) {
        double d = 1 + 2 * (k11 + k22) + 4 * gap;
        return 4 / Math.PI / Math.sqrt(d);
    }

    /**
     * The NNGP from the determinant gap = k11 k22 − k12² ≥ 0 given on its own:
     * (2/π) arcsin(s) = (2/π) atan2(2 k12, sqrt(D)), since 1 − s² = D / ((1 + 2k11)(1 + 2k22)).
     * Unlike arcsin near ±1, the arctangent is well conditioned, so an accurate gap gives an
     * accurate angle for nearly collinear inputs of large variance.
     */
    public static double nngpFromGap(double k12, double k11, double k22, double gap) {
        double d = 1 + 2 * (k11 + k22) + 4 * gap;
        return 2 / Math.PI * StrictMath.atan2(2 * k12, Math.sqrt(d));
    }
}
