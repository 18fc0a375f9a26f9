package org.ntk4j.kernel;

import org.ntk4j.recursion.ArcCosine;

/**
 * The Heaviside step φ(x) = 1[x &gt; 0]: the arc-cosine kernel of order 0, E[φ(u) φ(v)] =
 * (π − θ)/(2π). Its derivative vanishes almost everywhere, so its NTK derivative term is 0 (as for
 * neural-tangents' Sign).
 */
public record Step() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return ArcCosine.stepNngp(k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return 0.0;
    }

    @Override
    public double apply(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public double derivative(double x) {
        return 0.0;
    }

    @Override
    public boolean needsAngle() {
        return true;
    }

    @Override
    public String describe() {
        return "step";
    }
}
