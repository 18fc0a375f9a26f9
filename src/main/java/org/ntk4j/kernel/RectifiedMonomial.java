package org.ntk4j.kernel;

import org.ntk4j.recursion.ArcCosine;

/**
 * φ(x) = max(x, 0)^n for n = 2, 3, 4: Cho &amp; Saul's arc-cosine kernel of order n,
 * E[u_+^n v_+^n] = (k11 k22)^(n/2) J_n(θ)/(2π) ({@link ArcCosine#j}), and, since
 * φ' = n max(x, 0)^(n−1), Ṫ = n² (k11 k22)^((n−1)/2) J_(n−1)(θ)/(2π). Orders 0 and 1 are the
 * step and ReLU, which {@link Stax#rectifiedMonomial} returns for them.
 *
 * @param n the order, 2 .. 4
 */
public record RectifiedMonomial(int n) implements Activation {

    public RectifiedMonomial {
        if (n < 2 || n > 4) {
            throw new IllegalArgumentException("rectified-monomial order must be 2, 3 or 4 here (0 is step, 1 is relu), got " + n);
        }
    }

    @Override
    public double nngp(double k12, double k11, double k22) {
        return ArcCosine.order(n, k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return n * n * ArcCosine.order(n - 1, k12, k11, k22);
    }

    @Override
    public double apply(double x) {
        return x > 0 ? power(x, n) : 0.0;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? n * power(x, n - 1) : 0.0;
    }

    private static double power(double x, int k) {
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= x;
        }
        return p;
    }

    @Override
    public boolean needsAngle() {
        return true;
    }

    @Override
    public String describe() {
        return "rectified-monomial(" + n + ")";
    }
}
