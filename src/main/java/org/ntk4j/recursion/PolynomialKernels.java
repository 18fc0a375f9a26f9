package org.ntk4j.recursion;

/**
 * Kernels of polynomial activations φ(x) = Σ_i c_i x^i (degree ≤ {@value #MAX_DEGREE}), exact, by
 * the Hermite expansion. With He_n the probabilists' Hermite polynomials,
 * z^i = Σ_m i!/(m! 2^m (i − 2m)!) He_(i−2m)(z), so for u = σ z
 * φ(σ z) = Σ_n σ^n b_n(σ²) He_n(z) with
 * b_n(k) = Σ_m c_(n+2m) (n + 2m)!/(m! 2^m n!) k^m.
 * For a centred Gaussian pair with variances k11, k22 and covariance k12, E[He_m(z1) He_n(z2)] =
 * δ_mn n! ρ^n (ρ = k12/(σ1 σ2)), and σ1^n σ2^n ρ^n = k12^n, so
 * E[φ(u) φ(v)] = Σ_n n! b_n(k11) b_n(k22) k12^n:
 * a polynomial in (k12, k11, k22) with no angle and no square root, exact at zero variance.
 * Ṫ = E[φ'(u) φ'(v)] is the same series for φ' (coefficients (i + 1) c_(i+1)).
 *
 * <p>The evaluation order is fixed and shared by the scalar map and the vector pass, so both give
 * the same bits: each b_n(k) by Horner in k over m (weights w_nm precomputed once, exact integers
 * times c), then the series by Horner in k12 with terms (n! b_n(k11)) b_n(k22), added after the
 * multiply (no fused multiply-add).
 */
public final class PolynomialKernels {

    /** Highest degree accepted. */
    public static final int MAX_DEGREE = 8;

    /** n! for n = 0 .. MAX_DEGREE, exact. */
    private static final double[] FACTORIAL = {1, 1, 2, 6, 24, 120, 720, 5040, 40320};

    private PolynomialKernels() {
    }

    /** n!, exact, n ≤ MAX_DEGREE. */
    public static double factorial(int n) {
        return FACTORIAL[n];
    }

    /** The coefficients without trailing zeros (length 0 for the zero polynomial). */
    public static double[] trim(double[] c) {
        int d = c.length;
        while (d > 0 && c[d - 1] == 0) {
            d--;
        }
        return java.util.Arrays.copyOf(c, d);
    }

    /** The derivative's coefficients (i + 1) c_(i+1), of a trimmed c. */
    public static double[] derivative(double[] c) {
        double[] out = new double[Math.max(0, c.length - 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i + 1) * c[i + 1];
        }
        return out;
    }

    /**
     * w[n][m] = c_(n+2m) (n + 2m)!/(m! 2^m n!) for a trimmed c of degree D = c.length − 1; the
     * integer factor (at most 8!/(4! 2^4) = 105) is exact, so each weight is c times it, rounded once.
     */
    public static double[][] hermiteWeights(double[] c) {
        int deg = c.length - 1;
        double[][] w = new double[deg + 1][];
        for (int n = 0; n <= deg; n++) {
            w[n] = new double[(deg - n) / 2 + 1];
            for (int m = 0; m < w[n].length; m++) {
                double f = FACTORIAL[n + 2 * m] / (FACTORIAL[m] * (1 << m) * FACTORIAL[n]);
                w[n][m] = c[n + 2 * m] * f;
            }
        }
        return w;
    }

    /** Writes b_n(k), n = 0 .. D, to out[off + n stride], each by Horner in k. out: modified. */
    public static void hermite(double[][] w, double k, double[] out, int off, int stride) {
        for (int n = 0; n < w.length; n++) {
            double[] wn = w[n];
            double b = wn[wn.length - 1];
            for (int m = wn.length - 2; m >= 0; m--) {
                b = b * k + wn[m];
            }
            out[off + n * stride] = b;
        }
    }

    /**
     * Σ_n n! b1_n b2_n k12^n by Horner in k12, b1_n at b1[o1 + n s1], b2_n at b2[o2 + n s2], for
     * n = 0 .. degree; 0 when degree &lt; 0.
     */
    public static double series(double[] b1, int o1, int s1, double[] b2, int o2, int s2, int degree, double k12) {
        if (degree < 0) {
            return 0.0;
        }
        double s = FACTORIAL[degree] * b1[o1 + degree * s1] * b2[o2 + degree * s2];
        for (int n = degree - 1; n >= 0; n--) {
            s = s * k12 + FACTORIAL[n] * b1[o1 + n * s1] * b2[o2 + n * s2];
        }
        return s;
    }

    /** E[φ(u) φ(v)] of the polynomial whose Hermite weights are w (see the class comment). */
    public static double kernel(double[][] w, double k12, double k11, double k22) {
        int deg = w.length - 1;
        if (deg < 0) {
            return 0.0;
        }
        double[] b = new double[2 * (deg + 1)];
        hermite(w, k11, b, 0, 1);
        hermite(w, k22, b, deg + 1, 1);
        return series(b, 0, 1, b, deg + 1, 1, deg, k12);
    }

    /** Σ c_i x^i by Horner. */
    public static double evaluate(double[] c, double x) {
        double s = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            s = s * x + c[i];
        }
        return s;
    }
}
