package org.ntk4j.kernel;

import org.ntk4j.recursion.TrigonometricKernels;

/**
 * φ(x) = cos x: E[cos u cos v] = e^(−(k11 + k22)/2) cosh k12 and, with φ' = −sin,
 * Ṫ = E[sin u sin v] = e^(−(k11 + k22)/2) sinh k12 (see {@link TrigonometricKernels}).
 */
public record Cos() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return TrigonometricKernels.cosCos(k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return TrigonometricKernels.sinSin(k12, k11, k22);
    }

    @Override
    public double apply(double x) {
        return StrictMath.cos(x);
    }

    @Override
    public double derivative(double x) {
        return -StrictMath.sin(x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        return "cos";
    }
}
