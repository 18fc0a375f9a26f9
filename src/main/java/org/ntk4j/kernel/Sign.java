package org.ntk4j.kernel;

/**
 * φ(x) = sign x (−1, 0, 1): E[sign u sign v] = 1 − 2θ/π = (2/π) arcsin ρ (sign = 2 step − 1 and
 * the step's (π − θ)/(2π)). Its derivative vanishes almost everywhere, so Ṫ = 0, as for
 * neural-tangents' Sign.
 */
public record Sign() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return 1 - 2 * Math.acos(org.ntk4j.recursion.ArcCosine.cosine(k12, k11, k22)) / Math.PI;
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return 0.0;
    }

    @Override
    public double apply(double x) {
        return Math.signum(x);
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
        return "sign";
    }
}
