package org.ntk4j.kernel;

import java.util.Arrays;
import org.ntk4j.recursion.PolynomialKernels;

/**
 * φ(x) = Σ_i c_i x^i, degree ≤ 8, with its exact kernel: monomial(K) (φ = x^K) and
 * polynomial(C0, C1, ...). For a centred Gaussian pair with variances k11, k22 and covariance k12,
 * expanding φ(σ z) in probabilists' Hermite polynomials He_n gives
 * <pre>
 *   E[φ(u) φ(v)] = Σ_n n! b_n(k11) b_n(k22) k12^n,   b_n(k) = Σ_m c_(n+2m) (n + 2m)!/(m! 2^m n!) k^m,
 * </pre>
 * and Ṫ = E[φ'(u) φ'(v)] is the same series of φ' (coefficients (i + 1) c_(i+1)). It follows from
 * z^i = Σ_m i!/(m! 2^m (i − 2m)!) He_(i−2m)(z), E[He_m(z1) He_n(z2)] = δ_mn n! ρ^n and
 * σ1^n σ2^n ρ^n = k12^n, so it is a polynomial in (k12, k11, k22): no angle, exact at zero
 * variance (derivation and evaluation order in {@link PolynomialKernels}). For x^K it reduces to
 * Σ_m K!² k12^(K−2m) ((k11 k22)/4)^m / (m!² (K − 2m)!), e.g. E[u² v²] = k11 k22 + 2 k12².
 *
 * <p>A class rather than a record so that it keeps its Hermite weights, computed once.
 */
public final class Polynomial implements Activation {

    private final double[] coefficients;
    private final int order;
    private final double[] c;
    private final double[] dc;
    private final double[][] w;
    private final double[][] dw;

    private Polynomial(double[] coefficients, int order) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("polynomial needs at least one coefficient");
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("polynomial coefficient C" + i + " must be finite, got " + coefficients[i]);
            }
        }
        this.coefficients = coefficients.clone();
        this.order = order;
        this.c = PolynomialKernels.trim(coefficients);
        if (c.length - 1 > PolynomialKernels.MAX_DEGREE) {
            throw new IllegalArgumentException("polynomial degree must be at most " + PolynomialKernels.MAX_DEGREE
                    + ", got " + (c.length - 1));
        }
        this.dc = PolynomialKernels.derivative(c);
        this.w = PolynomialKernels.hermiteWeights(c);
        this.dw = PolynomialKernels.hermiteWeights(dc);
    }

    /** x^k, k = 0 .. 8. */
    public static Polynomial monomial(int k) {
        if (k < 0 || k > PolynomialKernels.MAX_DEGREE) {
            throw new IllegalArgumentException("monomial takes an integer order K in 0 .. " + PolynomialKernels.MAX_DEGREE
                    + ", got " + k);
        }
        double[] c = new double[k + 1];
        c[k] = 1;
        return new Polynomial(c, k);
    }

    /** Σ c_i x^i, 1 to 9 finite coefficients (trailing zeros allowed), degree ≤ 8. */
    public static Polynomial of(double... coefficients) {
        return new Polynomial(coefficients, -1);
    }

    /** The coefficients C0, C1, ... as given (a copy). */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The degree of φ (trailing zeros dropped), −1 for φ = 0. */
    public int degree() {
        return c.length - 1;
    }

    /** The degree of φ', −1 when φ is constant. */
    public int derivativeDegree() {
        return dc.length - 1;
    }

    @Override
    public double nngp(double k12, double k11, double k22) {
        return PolynomialKernels.kernel(w, k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return PolynomialKernels.kernel(dw, k12, k11, k22);
    }

    /**
     * Writes the per-input factors b_n(k) of φ (slots 0 .. degree) then of φ' (the next
     * derivativeDegree + 1 slots), slot s at out[off + s stride]. out: modified.
     */
    public void hermiteFactors(double k, double[] out, int off, int stride) {
        PolynomialKernels.hermite(w, k, out, off, stride);
        PolynomialKernels.hermite(dw, k, out, off + c.length * stride, stride);
    }

    @Override
    public double apply(double x) {
        return PolynomialKernels.evaluate(c, x);
    }

    @Override
    public double derivative(double x) {
        return PolynomialKernels.evaluate(dc, x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        if (order >= 0) {
            return "monomial(" + order + ")";
        }
        StringBuilder sb = new StringBuilder("polynomial(");
        for (int i = 0; i < coefficients.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Catalog.number(coefficients[i]));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial p && p.order == order && Arrays.equals(p.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * order + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return describe();
    }
}
