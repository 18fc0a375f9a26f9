package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * x Φ(x) after its dense op (run separately), the formulas of {@link org.ntk4j.kernel.Gelu}: with
 * u = 1/sqrt(1 + k) of the diagonals ({@link Factors}), 1/P = (u1 u2)², the arcsine argument
 * k12 u1 u2 held to its Cauchy–Schwarz bound b1 b2 as erf's is, A by {@link VectorMath#arcTail},
 * D = 1 + (k11 + k22) + max(k11 k22 − k12², 0):
 * K' = k12/4 + (k12 A + (k12² + k11 k22 D)/(P sqrt D))/(2π),
 * Ṫ = 1/4 + A/(2π) + (1/D + (2 + k11 + k22)/P) k12/(2π sqrt D).
 */
final class GeluPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        loop(tl.k(), tl.t(), tl.off(), tl.ld(), tl.rows(), tl.cols(),
                tl.d1().k(), p * n1 + tl.i0(), tl.d1().factors(p), Factors.GELU_U * n1 + tl.i0(), Factors.GELU_BOUND * n1 + tl.i0(),
                tl.d2().k(), p * n2 + tl.j0(), tl.d2().factors(p), Factors.GELU_U * n2 + tl.j0(), Factors.GELU_BOUND * n2 + tl.j0());
    }

    private static void loop(double[] k, double[] t, int off, int ld, int rows, int cols,
                             double[] k1, int k1o, double[] f1, int u1o, int b1o,
                             double[] k2, int k2o, double[] f2, int u2o, int b2o) {
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            double k11 = k1[k1o + i];
            double u1 = f1[u1o + i];
            double b1 = f1[b1o + i];
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
                DoubleVector kv = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector k22 = DoubleVector.fromArray(S, k2, k2o + j, m);
                DoubleVector uu = DoubleVector.fromArray(S, f2, u2o + j, m).mul(u1);
                DoubleVector bound = DoubleVector.fromArray(S, f2, b2o + j, m).mul(b1);
                DoubleVector x = kv.mul(uu);
                DoubleVector ax = x.abs().min(bound);
                VectorMask<Double> small = ax.compare(VectorOperators.LT, 0.5);
                DoubleVector a = VectorMath.arcTail(ax, small, VectorMath.PIO2_HI.blend(VectorMath.ZERO, small),
                                VectorMath.MINUS_TWO.blend(VectorMath.ONE, small))
                        .reinterpretAsLongs().lanewise(VectorOperators.XOR, x.reinterpretAsLongs().and(VectorMath.SIGN_BIT))
                        .reinterpretAsDoubles();
                DoubleVector sum = k22.add(k11);
                DoubleVector prod = k22.mul(k11);
                DoubleVector d = sum.add(1).add(prod.sub(kv.mul(kv)).max(0.0));
                DoubleVector sd = d.sqrt();
                DoubleVector invSd = VectorMath.ONE.div(sd);
                DoubleVector invP = uu.mul(uu);
                // masked-off lanes: k = 0 and u = 0 there, so d = 1 and every term is finite
                DoubleVector kOut = kv.mul(a).add(kv.mul(kv).add(prod.mul(d)).mul(invP).mul(invSd))
                        .mul(INV_TWO_PI).add(kv.mul(0.25));
                DoubleVector tdot = invSd.mul(invSd).add(sum.add(2).mul(invP)).mul(kv).mul(invSd)
                        .add(a).mul(INV_TWO_PI).add(0.25);
                kOut.intoArray(k, row + j, m);
                tdot.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
            }
        }
    }
}
