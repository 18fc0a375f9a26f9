package org.ntk4j.kernel;

import org.ntk4j.recursion.ArcSineErf;
import org.ntk4j.simd.ScalarMath;

/** φ = erf, with the closed-form arcsine kernel of Williams (1997), see {@link ArcSineErf}. */
public record Erf() implements Activation {

    @Override
    public double nngp(double k12, double k11, double k22) {
        return ArcSineErf.nngp(k12, k11, k22);
    }

    @Override
    public double tdot(double k12, double k11, double k22) {
        return ArcSineErf.tdot(k12, k11, k22);
    }

    @Override
    public double apply(double x) {
        return ScalarMath.erf(x);
    }

    @Override
    public double derivative(double x) {
        return ScalarMath.erfDerivative(x);
    }

    @Override
    public boolean needsAngle() {
        return false;
    }

    @Override
    public String describe() {
        return "erf";
    }
}
