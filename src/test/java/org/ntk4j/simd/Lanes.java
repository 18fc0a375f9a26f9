package org.ntk4j.simd;

import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/** Applies a per-vector function of {@link VectorMath} to arrays and single values, for tests. */
final class Lanes {

    private Lanes() {
    }

    /** f applied to every element, a vector at a time, the tail as a masked vector. */
    static double[] apply(UnaryOperator<DoubleVector> f, double[] in) {
        double[] out = new double[in.length];
        int lanes = VectorMath.SPECIES.length();
        for (int i = 0; i < in.length; i += lanes) {
            VectorMask<Double> m = VectorMath.SPECIES.indexInRange(i, in.length);
            f.apply(DoubleVector.fromArray(VectorMath.SPECIES, in, i, m)).intoArray(out, i, m);
        }
        return out;
    }

    /** f of a vector whose every lane is x, read in lane 0. */
    static double single(UnaryOperator<DoubleVector> f, double x) {
        return f.apply(DoubleVector.broadcast(VectorMath.SPECIES, x)).lane(0);
    }
}
