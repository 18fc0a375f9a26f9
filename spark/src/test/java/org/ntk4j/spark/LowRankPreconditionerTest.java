package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The Woodbury solve against a dense solve of L Lᵀ + σ² I. */
class LowRankPreconditionerTest {

    /**
     * n = 1 500 spans two chunks (the second one partial); with σ² = 0.5 and entries of L of order
     * 0.1, κ(P) ≈ 1 + ‖L‖²/σ² ≈ 60, so both solves agree to about κ · n · eps ≈ 1e-11 of the
     * largest entry; 1e-10 leaves a decade.
     */
    @Test
    void woodburyEqualsTheDenseInverse() {
        int n = 1500;
        int r = 7;
        int k = 3;
        Random rnd = new Random(12);
        DMatrixRMaj l = new DMatrixRMaj(n, r);
        for (int i = 0; i < n * r; i++) {
            l.data[i] = 0.1 * rnd.nextGaussian();
        }
        double sigma2 = 0.5;
        double[] v = new double[n * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] got = new LowRankPreconditioner(l, sigma2).solve(v, k);
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(l, l, p);
        for (int i = 0; i < n; i++) {
            p.add(i, i, sigma2);
        }
        DMatrixRMaj want = new DMatrixRMaj(n, k);
        CommonOps_DDRM.solve(p, DMatrixRMaj.wrap(n, k, v.clone()), want);
        assertArrayEquals(want.data, got, 1e-10 * CommonOps_DDRM.elementMaxAbs(want));
        double[] none = new LowRankPreconditioner(new DMatrixRMaj(n, 0), sigma2).solve(v, k);
        for (int i = 0; i < v.length; i++) {
            v[i] /= sigma2;
        }
        assertArrayEquals(v, none, 0.0);
        assertThrows(IllegalArgumentException.class, () -> new LowRankPreconditioner(l, 0));
    }
}
