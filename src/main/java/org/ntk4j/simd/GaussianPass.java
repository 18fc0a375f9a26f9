package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^(−x²/2) after its dense op (run separately): Δ = 1 + (k11 + k22) + max(k11 k22 − k12², 0),
 * K' = 1/sqrt(Δ), Ṫ = k12/(Δ sqrt(Δ)), the scalar reference's operations.
 */
final class GaussianPass extends VectorPass {

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
                DoubleVector k22 = DoubleVector.fromArray(S, k2, k2o + j, m);
                DoubleVector gap = k22.mul(k11).sub(kv.mul(kv)).max(0.0);
                DoubleVector delta = k22.add(k11).add(1).add(gap);
                DoubleVector root = delta.sqrt();
                DoubleVector kOut = VectorMath.ONE.div(root);
                DoubleVector tdot = kv.div(delta.mul(root));
                kOut.intoArray(k, row + j, m);
                tdot.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
            }
        }
    }
}
