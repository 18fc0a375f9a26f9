package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** e^x after its dense op (run separately): K' = Ṫ = e^((k11 + k22)/2 + k12), by {@link VectorMath#exp}. */
final class ExpPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        loop(tl.k(), tl.t(), tl.off(), tl.ld(), tl.rows(), tl.cols(), tl.d1().k(), p * n1 + tl.i0(), tl.d2().k(),
                p * n2 + tl.j0());
    }

    private static void loop(double[] k, double[] t, int off, int ld, int rows, int cols,
                             double[] k1, int k1o, double[] k2, int k2o) {
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            double k11 = k1[k1o + i];
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
                DoubleVector kv = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector e = VectorMath.exp(DoubleVector.fromArray(S, k2, k2o + j, m).add(k11).mul(0.5).add(kv));
                e.intoArray(k, row + j, m);
                e.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
            }
        }
    }
}
