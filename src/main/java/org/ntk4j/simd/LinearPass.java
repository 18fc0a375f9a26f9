package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** φ(x) = a x after its dense op (run separately): k ← a² k, t ← a² t. */
final class LinearPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    private final double a2;

    LinearPass(double a2) {
        this.a2 = a2;
    }

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        double[] k = tl.k();
        double[] t = tl.t();
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector.fromArray(S, k, row + j, m).mul(a2).intoArray(k, row + j, m);
                DoubleVector.fromArray(S, t, row + j, m).mul(a2).intoArray(t, row + j, m);
            }
        }
    }
}
