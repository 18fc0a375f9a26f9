package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Heaviside step after its dense op (run separately): K' = (π − θ)/(2π), Ṫ = 0; or, for
 * sign, K' = 1 − 2θ/π (as 1 + θ (−2/π)), Ṫ = 0.
 */
final class StepPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);
    private static final double MINUS_TWO_OVER_PI = -2 / Math.PI;

    private final boolean sign;

    StepPass(boolean sign) {
        this.sign = sign;
    }

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            angles(tl, p, i, row);
            for (int j = 0; j < tl.cols(); j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, tl.cols());
                DoubleVector theta = DoubleVector.fromArray(S, tl.scratchB(), j, m);
                DoubleVector kOut = sign ? theta.fma(MINUS_TWO_OVER_PI, 1.0) : theta.neg().add(Math.PI).mul(INV_TWO_PI);
                kOut.intoArray(tl.k(), row + j, m);
                DoubleVector.zero(S).intoArray(tl.t(), row + j, m);
            }
        }
    }

    /**
     * scratchA ← cos θ = k12 · (r1 · r2) (r = 1/sqrt(k) of the layer's diagonal), clamped to
     * [−1, 1] and exactly ±1 when k12² = k11 k22 (equal or parallel inputs, and the diagonal);
     * scratchB ← θ = arccos. Masked-off lanes read 1.0 from the diagonal tables so they stay finite.
     */
    static void angles(Block tl, int p, int i, int row) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        double k11 = tl.d1().k()[p * n1 + tl.i0() + i];
        double r1 = tl.d1().factors(p)[Factors.R * n1 + tl.i0() + i];
        double[] k2 = tl.d2().k();
        double[] f2 = tl.d2().factors(p);
        int at2 = p * n2 + tl.j0();
        int r2 = Factors.R * n2 + tl.j0();
        for (int j = 0; j < tl.cols(); j += S.length()) {
            VectorMask<Double> m = S.indexInRange(j, tl.cols());
            DoubleVector k12 = DoubleVector.fromArray(S, tl.k(), row + j, m);
            DoubleVector k22 = DoubleVector.fromArray(S, k2, at2 + j, m).blend(1.0, m.not());
            DoubleVector rr = DoubleVector.fromArray(S, f2, r2 + j, m).blend(1.0, m.not()).mul(r1);
            // k12² = k11 k22 (Cauchy–Schwarz equality: equal or parallel inputs) gives |cos θ| = 1
            // exactly, as the scalar k12 / sqrt(k11 k22) does
            VectorMask<Double> parallel = k12.mul(k12).eq(k22.mul(k11));
            k12.mul(rr).max(-1.0).min(1.0)
                    .blend(1.0, parallel.and(k12.compare(VectorOperators.GT, 0.0)))
                    .blend(-1.0, parallel.and(k12.compare(VectorOperators.LT, 0.0)))
                    .intoArray(tl.scratchA(), j, m);
        }
        VectorMath.acos(tl.scratchA(), tl.scratchB(), tl.cols());
    }
}
