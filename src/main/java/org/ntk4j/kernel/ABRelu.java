package org.ntk4j.kernel;

import org.ntk4j.recursion.ArcCosine;

/**
 * φ(x) = a x for x &lt; 0, b x for x &gt; 0. ReLU is ABRelu(0, 1), leaky ReLU ABRelu(α, 1), |x|
 * ABRelu(−1, 1) and the identity ABRelu(1, 1); its kernels are arc-cosine kernels
 * (Cho &amp; Saul 2009), see {@link ArcCosine#abReluNngp}.
 */
public record ABRelu(double a, double b) implements Activation {

    public ABRelu {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("abrelu slopes must be finite, got a = " + a + ", b = " + b);
        }
    }

    @Override
    public double nngp(double k12, double k11, double k22) {
        return ArcCosine.abReluNngp(a, b, k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return ArcCosine.abReluTdot(a, b, k12, k11, k22);
    }

    @Override
    public double apply(double x) {
        return x < 0 ? a * x : b * x;
    }

    @Override
    public double derivative(double x) {
        return x < 0 ? a : b;
    }

    @Override
    public boolean needsAngle() {
        return a != b;
    }

    @Override
    public String describe() {
        if (b == 1 && a == 0) {
            return "relu";
        }
        if (b == 1 && a == 1) {
            return "identity";
        }
        if (b == 1 && a == -1) {
            return "abs";
        }
        return b == 1 ? "leaky-relu(" + Catalog.number(a) + ")" : "abrelu(" + Catalog.number(a) + ", " + Catalog.number(b) + ")";
    }
}
