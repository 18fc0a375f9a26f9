package org.ntk4j.simd;

import java.util.SplittableRandom;

/** The inputs of the cold/warm determinism check, the same in the test JVM and in the child. */
final class DeterminismInputs {

    /** Not a multiple of the lane count, so the masked tail is part of the check. */
    static final int LENGTH = 1003;

    private DeterminismInputs() {
    }

    /** Values in [-1, 1] for acos and asin. */
    static double[] unit() {
        return uniform(1, -1, 1);
    }

    /** Values in [-40, 40] for exp. */
    static double[] wide() {
        return uniform(2, -40, 40);
    }

    /** Values in [-7, 7] for erf: every piece. */
    static double[] erf() {
        return uniform(3, -7, 7);
    }

    private static double[] uniform(long seed, double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[LENGTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(lo, hi);
        }
        return x;
    }

    /** acos, asin, exp and erf of the inputs, in that order, by the array entry points. */
    static double[][] results() {
        double[][] r = new double[4][LENGTH];
        VectorMath.acos(unit(), r[0], LENGTH);
        VectorMath.asin(unit(), r[1], LENGTH);
        VectorMath.exp(wide(), r[2], LENGTH);
        VectorMath.erf(erf(), r[3], LENGTH);
        return r;
    }
}
