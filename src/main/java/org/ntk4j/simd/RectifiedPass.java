package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * max(x, 0)^n, n = 2 .. 4, after its dense op (run separately): K' = (q1 q2)^n J_n(θ)/(2π) and
 * Ṫ = n² (q1 q2)^(n−1) J_(n−1)(θ)/(2π), with q = sqrt(k) of the diagonals, cos θ and θ as the step
 * computes them ({@link StepPass#angles}) and J_n the polynomials in cos θ, sin θ and π − θ of
 * {@link org.ntk4j.recursion.ArcCosine#j}, by Horner in cos θ.
 */
final class RectifiedPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    private final int n;

    RectifiedPass(int n) {
        this.n = n;
    }

    @Override
    boolean fuses() {
        return false;
    }

    @Override
    void run(Block tl, int p, Fold fold) {
        int n1 = tl.d1().size();
        int n2 = tl.d2().size();
        double[] f1 = tl.d1().factors(p);
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            StepPass.angles(tl, p, i, row);
            loop(n, tl.k(), tl.t(), row, tl.cols(), tl.scratchA(), tl.scratchB(), f1[Factors.Q * n1 + tl.i0() + i],
                    tl.d2().factors(p), Factors.Q * n2 + tl.j0());
        }
    }

    /** One row: cos θ and θ in ca, th; q1 and the columns' q at f2[q2o + j]. */
    private static void loop(int n, double[] k, double[] t, int row, int cols, double[] ca, double[] th, double q1,
                             double[] f2, int q2o) {
        for (int j = 0; j < cols; j += S.length()) {
            VectorMask<Double> m = S.indexInRange(j, cols);
            DoubleVector c = DoubleVector.fromArray(S, ca, j, m);
            DoubleVector pm = DoubleVector.fromArray(S, th, j, m).neg().add(Math.PI);
            DoubleVector s = c.neg().add(1).mul(c.add(1)).sqrt();
            DoubleVector q = DoubleVector.fromArray(S, f2, q2o + j, m).mul(q1);
            DoubleVector c2 = c.mul(c);
            // J_n and J_(n−1), and qm = (q1 q2)^(n−1) / (2π)
            DoubleVector jn;
            DoubleVector jm;
            DoubleVector qm = q.mul(INV_TWO_PI);
            if (n == 2) {
                jn = s.mul(c).mul(3).add(pm.mul(c2.fma(2, 1)));
                jm = s.add(pm.mul(c));
            } else if (n == 3) {
                jn = s.mul(c2.fma(11, 4)).add(pm.mul(c2.fma(6, 9).mul(c)));
                jm = s.mul(c).mul(3).add(pm.mul(c2.fma(2, 1)));
                qm = qm.mul(q);
            } else {
                jn = s.mul(c).mul(c2.fma(50, 55)).add(pm.mul(c2.fma(24, 72).mul(c2).add(9)));
                jm = s.mul(c2.fma(11, 4)).add(pm.mul(c2.fma(6, 9).mul(c)));
                qm = qm.mul(q).mul(q);
            }
            DoubleVector kOut = qm.mul(q).mul(jn);
            DoubleVector tdot = qm.mul(jm).mul(n * n);
            kOut.intoArray(k, row + j, m);
            tdot.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
        }
    }
}
