package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A polynomial φ (monomial, polynomial) after its dense op (run separately), as
 * {@link org.ntk4j.recursion.PolynomialKernels#series} computes it: K' = Σ_n n! b_n(k11) b_n(k22)
 * k12^n by Horner in the k12 lanes, s ← s k12 + (n! b_n(k11)) b_n(k22) from n = D down to 0, the
 * b_n of each input read from its factors ({@link Factors#POLY}); Ṫ is the same series over φ''s
 * factors. Multiply then add, as the scalar reference, so both give the same bits.
 */
final class PolynomialPass extends VectorPass {

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;

    private final int degree;
    private final int dDegree;

    PolynomialPass(int degree, int dDegree) {
        this.degree = degree;
        this.dDegree = dDegree;
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
        double[] f2 = tl.d2().factors(p);
        double[] g = new double[degree + dDegree + 2];
        for (int i = 0; i < tl.rows(); i++) {
            int row = tl.off() + i * tl.ld();
            // the row's n! b_n(k11), the left factor of every term
            for (int n = 0; n <= degree; n++) {
                g[n] = org.ntk4j.recursion.PolynomialKernels.factorial(n) * f1[n * n1 + tl.i0() + i];
            }
            for (int n = 0; n <= dDegree; n++) {
                int s = degree + 1 + n;
                g[s] = org.ntk4j.recursion.PolynomialKernels.factorial(n) * f1[s * n1 + tl.i0() + i];
            }
            loop(degree, dDegree, tl.k(), tl.t(), row, tl.cols(), g, f2, tl.j0(), n2);
        }
    }

    /** One row: the row's factors in g, the columns' b_n at f2[s n2 + j0 + j]. */
    private static void loop(int degree, int dDegree, double[] k, double[] t, int row, int cols, double[] g,
                             double[] f2, int j0, int n2) {
        for (int j = 0; j < cols; j += S.length()) {
            VectorMask<Double> m = S.indexInRange(j, cols);
            DoubleVector kv = DoubleVector.fromArray(S, k, row + j, m);
            DoubleVector kOut = series(kv, g, 0, degree, f2, j0 + j, n2, m);
            DoubleVector tdot = series(kv, g, degree + 1, dDegree, f2, j0 + j, n2, m);
            kOut.intoArray(k, row + j, m);
            tdot.mul(DoubleVector.fromArray(S, t, row + j, m)).intoArray(t, row + j, m);
        }
    }

    private static DoubleVector series(DoubleVector kv, double[] g, int slot, int deg, double[] f2, int col, int n2,
                                       VectorMask<Double> m) {
        if (deg < 0) {
            return DoubleVector.zero(S);
        }
        DoubleVector s = DoubleVector.fromArray(S, f2, (slot + deg) * n2 + col, m).mul(g[slot + deg]);
        for (int n = deg - 1; n >= 0; n--) {
            s = s.mul(kv).add(DoubleVector.fromArray(S, f2, (slot + n) * n2 + col, m).mul(g[slot + n]));
        }
        return s;
    }
}
