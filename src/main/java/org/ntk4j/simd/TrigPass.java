package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * sin or cos after its dense op (run separately), as {@link org.ntk4j.recursion.TrigonometricKernels}
 * computes them: with m = (k11 + k22)/2, E[sin sin] = (e^(k12 − m) − e^(−k12 − m))/2, or
 * e^(−m) sinh k12 from the series for |k12| &lt; 1/2 (e^(−m) = h1 h2, h = e^(−k/2) of the
 * diagonals), and E[cos cos] = (e^(k12 − m) + e^(−k12 − m))/2; sin takes the first as K' and
 * the second as Ṫ, cos the other way round.
 */
final class TrigPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    private final boolean sin;

    TrigPass(boolean sin) {
        this.sin = sin;
    }

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        loop(sin, tl.k(), tl.t(), tl.off(), tl.ld(), tl.rows(), tl.cols(),
                tl.d1().k(), p * n1 + tl.i0(), tl.d1().factors(p), Factors.H * n1 + tl.i0(),
                tl.d2().k(), p * n2 + tl.j0(), tl.d2().factors(p), Factors.H * n2 + tl.j0());
    }

    private static void loop(boolean sin, double[] k, double[] t, int off, int ld, int rows, int cols,
                             double[] k1, int k1o, double[] f1, int h1o, double[] k2, int k2o, double[] f2, int h2o) {
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            double k11 = k1[k1o + i];
            double h1 = f1[h1o + i];
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
                DoubleVector kv = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector half = DoubleVector.fromArray(S, k2, k2o + j, m).add(k11).mul(0.5);
                DoubleVector ep = VectorMath.exp(kv.sub(half));
                DoubleVector em = VectorMath.exp(kv.neg().sub(half));
                DoubleVector z = kv.mul(kv);
                // sinh's series, as TrigonometricKernels.sinhSeries
                // (multiply, then add: the reference's two roundings, so the same bits)
                DoubleVector poly = z.mul(1.0 / 6227020800.0).add(1.0 / 39916800).mul(z).add(1.0 / 362880).mul(z)
                        .add(1.0 / 5040).mul(z).add(1.0 / 120).mul(z).add(1.0 / 6);
                DoubleVector series = kv.add(kv.mul(z.mul(poly)))
                        .mul(DoubleVector.fromArray(S, f2, h2o + j, m).mul(h1));
                DoubleVector sinh = ep.sub(em).mul(0.5).blend(series, kv.abs().compare(VectorOperators.LT, 0.5));
                DoubleVector cosh = ep.add(em).mul(0.5);
                DoubleVector kOut = sin ? sinh : cosh;
                DoubleVector tdot = sin ? cosh : sinh;
                kOut.intoArray(k, row + j, m);
                tdot.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
            }
        }
    }
}
