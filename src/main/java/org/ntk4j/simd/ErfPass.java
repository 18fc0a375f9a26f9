package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense op (w2, b2) and the erf after it, with the {@link Fold}'s folded parts, in one pass
 * per row: K' = (2/π) arcsin(s) with s = 2 k12 u1 u2 (u = 1/sqrt(1 + 2k)) held to |s| ≤ b1 b2 ≤ 1
 * ({@link Factors}; see ArcSineErf.sine), by {@link VectorMath#arcTail} (the sine case of arc);
 * Ṫ = (4/π)/sqrt(D), D = 1 + 2(k11 + k22) + 4 max(k11 k22 − k12², 0) (see ArcSineErf), with a
 * hardware sqrt and division: the divider works beside the arcsine's arithmetic, where Newton
 * steps for 1/sqrt(D) took 20 more arithmetic operations and, inside this loop, pushed C2 past
 * its inlining budget (a second pass over the row was the price of them). Ṫ is the reference's
 * own sequence of operations, so equal D gives the reference's bits.
 */
final class ErfPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final DoubleVector FOUR_OVER_PI = DoubleVector.broadcast(S, 4 / Math.PI);
    private static final DoubleVector FOUR = DoubleVector.broadcast(S, 4.0);

    @Override
    boolean fuses() {
        return true;
    }

    @Override
    void run(Block tl, int p, Fold layer) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        loop(tl.k(), tl.t(), tl.off(), tl.ld(), tl.rows(), tl.cols(),
                tl.d1().k(), p * n1 + tl.i0(), tl.d1().factors(p), Factors.U * n1 + tl.i0(), Factors.BOUND * n1 + tl.i0(),
                tl.d2().k(), p * n2 + tl.j0(), tl.d2().factors(p), Factors.U * n2 + tl.j0(), Factors.BOUND * n2 + tl.j0(),
                layer.w2(), layer.b2(), layer.first(), layer.d(), layer.readout(), layer.w2r(), layer.b2r());
    }

    /**
     * The pass over rows × cols entries at k/t[off + i ld + j]: row i's k11, u1, b1 at
     * k1[k1o + i], f1[u1o + i], f1[b1o + i], column j's likewise. Static with everything handed in,
     * to stay within C2's node budget (see AbReluPass).
     */
    private static void loop(double[] k, double[] t, int off, int ld, int rows, int cols,
                             double[] k1, int k1o, double[] f1, int u1o, int b1o,
                             double[] k2, int k2o, double[] f2, int u2o, int b2o,
                             double w2, double b2, boolean first, int d, boolean readout, double w2r, double b2r) {
        DoubleVector dv = DoubleVector.broadcast(S, d);
        DoubleVector y = DoubleVector.broadcast(S, 1.0 / d);
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            double k11 = k1[k1o + i];
            // 2 u1: exact, so 2 u1 u2 below is exactly twice the rounded u1 u2
            double twoU1 = 2 * f1[u1o + i];
            double b1 = f1[b1o + i];
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
                DoubleVector kin = DoubleVector.fromArray(S, k, row + j, m);
                DoubleVector tin;
                if (first) { // the input scaling (inputScale), t = 0 (zero(S): see AbReluPass)
                    DoubleVector q0 = kin.mul(y);
                    kin = q0.neg().fma(dv, kin).fma(y, q0);
                    tin = DoubleVector.zero(S);
                } else {
                    tin = DoubleVector.fromArray(S, t, row + j, m);
                }
                DoubleVector kv = kin.mul(w2).add(b2);
                DoubleVector tv = tin.mul(w2).add(kv);
                DoubleVector uu = DoubleVector.fromArray(S, f2, u2o + j, m).mul(twoU1);
                DoubleVector bound = DoubleVector.fromArray(S, f2, b2o + j, m).mul(b1);
                // |s| held to the bound: the clamp of s to [−bound, bound] taken on the magnitude
                // (the sign goes back on after the arcsine)
                DoubleVector x = kv.mul(uu);
                DoubleVector ax = x.abs().min(bound);
                VectorMask<Double> small = ax.compare(VectorOperators.LT, 0.5);
                DoubleVector asin = VectorMath.arcTail(ax, small, VectorMath.PIO2_HI.blend(VectorMath.ZERO, small),
                                VectorMath.MINUS_TWO.blend(VectorMath.ONE, small))
                        .reinterpretAsLongs().lanewise(VectorOperators.XOR, x.reinterpretAsLongs().and(VectorMath.SIGN_BIT))
                        .reinterpretAsDoubles();
                DoubleVector k22 = DoubleVector.fromArray(S, k2, k2o + j, m);
                DoubleVector gap = k22.mul(k11).sub(kv.mul(kv)).max(0.0);
                // 2(k11 + k22) + 1 and + 4 gap as fmas: the products by 2 and 4 are exact, so each
                // fma rounds where the reference's addition does
                DoubleVector dd = gap.fma(FOUR, k22.add(k11).fma(2.0, 1.0));
                DoubleVector kOut = asin.mul(2 / Math.PI);
                DoubleVector tOut = FOUR_OVER_PI.div(dd.sqrt()).mul(tv);
                if (readout) {
                    kOut = kOut.mul(w2r).add(b2r);
                    tOut = tOut.mul(w2r).add(kOut);
                }
                kOut.intoArray(k, row + j, m);
                tOut.intoArray(t, row + j, m);
            }
        }
    }
}
