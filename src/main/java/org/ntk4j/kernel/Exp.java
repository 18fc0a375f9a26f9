package org.ntk4j.kernel;

/**
 * φ(x) = e^x: E[e^u e^v] = e^((k11 + k22)/2 + k12) (the moment generating function of u + v), and
 * since φ' = φ, Ṫ is the same. Grows fast: the engine refuses variances that overflow it.
 */
public record Exp() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return StrictMath.exp(0.5 * (k11 + k22) + k12);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return nngp(k12, k11, k22);
    }

    @Override
    public double apply(double x) {
        return StrictMath.exp(x);
    }

    @Override
    public double derivative(double x) {
        return StrictMath.exp(x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        return "exp";
    }
}
