package org.ntk4j.kernel;

import org.ntk4j.recursion.ArcSineErf;
import org.ntk4j.math.ScalarMath;

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

    /** D = 1 + 2(k11 + k22) + 4 gap. */
    @Override
    public double[] determinantForm() {
        return new double[] {1, 2, 4};
    }

    @Override
    public double nngpWithGap(double k12, double k11, double k22, double gap) {
        return ArcSineErf.nngpFromGap(k12, k11, k22, gap);
    }

    @Override
    public double tdotWithGap(double k12, double k11, double k22, double gap) {
        return ArcSineErf.tdotFromGap(k11, k22, gap);
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
