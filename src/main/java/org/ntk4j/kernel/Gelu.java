package org.ntk4j.kernel;

import org.ntk4j.math.ScalarMath;

/**
 * φ(x) = x Φ(x) (Φ the standard normal CDF). With P = (1 + k11)(1 + k22), D = P − k12² (computed
 * as 1 + k11 + k22 + (k11 k22 − k12²), from the determinant) and A = arcsin(k12/sqrt(P)) =
 * atan2(k12, sqrt D):
 * E[φ(u) φ(v)] = k12/4 + (k12 A + (k12² + k11 k22 D)/(P sqrt D))/(2π) and
 * Ṫ = E[φ'(u) φ'(v)] = 1/4 + A/(2π) + (1/D + (2 + k11 + k22)/P) k12/(2π sqrt D). Both follow from
 * writing Φ(x) = P(g ≤ x) for an independent g ~ N(0, 1), which turns the expectation into
 * moments of a bivariate normal over a quadrant (as in neural-tangents' Gelu; checked against
 * quadrature and against dNNGP/dk12 = Ṫ in the tests).
 */
public record Gelu() implements Activation {

    private static final double INV_SQRT_TWO = 0.7071067811865476;
    private static final double INV_SQRT_TWO_PI = 0.3989422804014327;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    @Override
    public double nngp(double k12, double k11, double k22) {
        return nngpWithGap(k12, k11, k22, Math.max(0.0, k11 * k22 - k12 * k12));
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return tdotWithGap(k12, k11, k22, Math.max(0.0, k11 * k22 - k12 * k12));
    }

    /** D = 1 + k11 + k22 + gap. */
    @Override
    public double[] determinantForm() {
        return new double[] {1, 1, 1};
    }

    @Override
    public double nngpWithGap(double k12, double k11, double k22, double gap) {
        double p = (1 + k11) * (1 + k22);
        double d = 1 + (k11 + k22) + gap;
        double sd = Math.sqrt(d);
        double a = StrictMath.atan2(k12, sd);
        return 0.25 * k12 + (k12 * a + (k12 * k12 + k11 * k22 * d) / (p * sd)) * INV_TWO_PI;
    }

    @Override
    public double tdotWithGap(double k12, double k11, double k22, double gap) {
        double p = (1 + k11) * (1 + k22);
        double d = 1 + (k11 + k22) + gap;
        double sd = Math.sqrt(d);
        double a = StrictMath.atan2(k12, sd);
        return 0.25 + a * INV_TWO_PI + (1 / d + (2 + (k11 + k22)) / p) * k12 / sd * INV_TWO_PI;
    }

    @Override
    public double apply(double x) {
        return 0.5 * x * ScalarMath.erfc(-x * INV_SQRT_TWO);
    }

    @Override
    public double derivative(double x) {
        return 0.5 * ScalarMath.erfc(-x * INV_SQRT_TWO) + x * INV_SQRT_TWO_PI * StrictMath.exp(-0.5 * x * x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        return "gelu";
    }
}
